# The client test IOC: the record shapes real client test suites (pyepics, ophyd) use.
epicsEnvSet("P", "$(P=jioc:test:)")
dbLoadRecords("$(TOP)/pv-definitions/test/clients.db", "P=$(P)")
iocInit
