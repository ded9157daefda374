"""The panel draw (抽签): the algorithm (`algorithm`), the stored record and its checks (`record`), the plain views the
screens show (`views`), and the service that freezes the pool, draws, replaces and verifies (`service`)."""
