"""handover: the Party-building departure review and handover of a township secretary (党建绩效离任评审与交接).

The core package: domain, storage, rules, command line. It never imports Qt.
"""

__version__ = "0.1.0"
