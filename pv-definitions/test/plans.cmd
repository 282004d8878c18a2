# Plan layer test IOC (tests/python/test_plans.py, org.jioc.plan JUnit tests): the plan PVs <P>Plan:* on three
# fast simulated motors and a slow one, soft detectors that read the motors when triggered, the run catalog
# (CATALOG_URL, else embedded H2 under JIOC_HOME) with its queue PVs. See docs/plans.md.
epicsEnvSet("P", "$(P=jioc:plan:)")
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/db-templates")
runCatalogConfigure("$(CATALOG_URL=)")
# motorSimConfigAxis(port, axis, highLimit, lowLimit, home, start) in raw steps: switches beyond the soft limits.
motorSimCreateController("PLAN_SIM", 4)
motorSimConfigAxis("PLAN_SIM", 0, 100000, -100000, 0, 0)
motorSimConfigAxis("PLAN_SIM", 1, 100000, -100000, 0, 0)
motorSimConfigAxis("PLAN_SIM", 2, 100000, -100000, 0, 0)
motorSimConfigAxis("PLAN_SIM", 3, 100000, -100000, 0, 0)
dbLoadTemplate("$(TOP)/pv-definitions/test/plans-motors.substitutions", "P=$(P)")
dbLoadRecords("$(TOP)/pv-definitions/test/plans-test.db", "P=$(P)")
dbLoadRecords("$(TOP)/db-templates/catalog.template", "P=$(P)")
dbLoadRecords("$(TOP)/db-templates/plans.template", "P=$(P)Plan:,GATE=$(GATE=),FILE_PATH=$(FILE_PATH=$(JIOC_HOME)/var/data)")
iocInit
