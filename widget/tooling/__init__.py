"""Build-time tooling for the widget (Pyodide dist); not part of the lossguide wheel."""
