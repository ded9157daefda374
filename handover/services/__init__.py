"""Service functions: what the GUI and the command line call. Each is one unit of work and returns plain views."""
