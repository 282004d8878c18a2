# The client test IOC: the record shapes real client test suites (pyepics, ophyd) use.
epicsEnvSet("P", "$(P=jioc:test:)")
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/pv-definitions/test")
dbLoadRecords("$(TOP)/pv-definitions/test/clients.db", "P=$(P)")
dbLoadTemplate("$(TOP)/pv-definitions/test/waveforms.substitutions", "P=$(P)")
iocInit
