# Procedure framework test IOC (tests/python/test_procedures.py): two procedures on db-templates/procedure.template,
# "Dwell" (dwell DWELL s) and "WaitSet" (wait for Ready, then drive Device with completion, precondition Permit).
epicsEnvSet("P", "$(P=jioc:proc:)")
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/db-templates")
dbLoadRecords("$(TOP)/pv-definitions/test/procedures.db", "P=$(P),DEVICE_TIME=$(DEVICE_TIME=3)")
dbLoadTemplate("$(TOP)/pv-definitions/test/procedures.substitutions", "P=$(P),DWELL=$(DWELL=3),WAIT_TIMEOUT=$(WAIT_TIMEOUT=10)")
iocInit
