# The default jioc: for now the core demo (every record type in a small simulated process).
# The simulated 2-BM beamline grows here issue by issue.
epicsEnvSet("P", "$(P=jioc:demo:)")
dbLoadRecords("$(TOP)/db-templates/demo.template", "P=$(P)")
iocInit
