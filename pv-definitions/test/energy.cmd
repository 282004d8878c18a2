# Energy setting test IOC (tests/python/test_energy.py, EnergySettingTest): four fast simulated motors and the
# energy PVs (db-templates/energy.substitutions) on the small table energy-test.json, which names the motors
# jioc:energy:m1..m4 (so the prefix is fixed). Mono rows 10, 15 (listed last: rows are sorted), 20 keV; Pink 30, 40.
epicsEnvSet("P", "jioc:energy:")
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/db-templates")
# motorSimConfigAxis(port, axis, highLimit, lowLimit, home, start) in raw steps: switches beyond the soft limits.
motorSimCreateController("SIM_E", 4)
motorSimConfigAxis("SIM_E", 0, 52500, -7500, 0, 0)
motorSimConfigAxis("SIM_E", 1, 22000, -6000, 0, 0)
motorSimConfigAxis("SIM_E", 2, 55000, -15000, 0, 0)
motorSimSetContinuous("SIM_E", 3, 1)
dbLoadTemplate("$(TOP)/pv-definitions/test/energy-motors.substitutions", "P=$(P)")
dbLoadTemplate("$(TOP)/db-templates/energy.substitutions", "P=$(P),TABLE=$(TOP)/pv-definitions/test/energy-test.json,TIMEOUT=$(TIMEOUT=30)")
iocInit
