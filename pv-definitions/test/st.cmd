# The client test IOC: the record shapes real client test suites (pyepics, ophyd) use.
epicsEnvSet("P", "$(P=jioc:test:)")
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/pv-definitions/test:$(TOP)/db-templates")
dbLoadRecords("$(TOP)/pv-definitions/test/clients.db", "P=$(P)")
dbLoadTemplate("$(TOP)/pv-definitions/test/waveforms.substitutions", "P=$(P)")
# Simulated motors (docs/motor.md). motorSimConfigAxis(port, axis, highLimit, lowLimit, home, start) in steps.
motorSimCreateController("TEST_SIM", 5)
motorSimConfigAxis("TEST_SIM", 0, 100000, -100000, 20000, 0)
motorSimConfigAxis("TEST_SIM", 1, 10000000, -10000000, 0, 0)
motorSimSetContinuous("TEST_SIM", 2, 1)
motorSimConfigAxis("TEST_SIM", 3, 10000, -10000, 4000, 0)
motorSimConfigAxis("TEST_SIM", 4, 100000, -100000, 30000, 0)
dbLoadTemplate("$(TOP)/pv-definitions/test/motors.substitutions", "P=$(P)")
dbLoadTemplate("$(TOP)/pv-definitions/test/homing.substitutions", "P=$(P)")
< $(TOP)/pv-definitions/test/scans.cmd
iocInit
