# Autosave test IOC: save files go to $(AUTOSAVE_DIR) (the test's temporary directory), saved every
# $(AUTOSAVE_PERIOD=1) s. Settings from the request file and from info tags.
epicsEnvSet("P", "$(P=jioc:as:)")
dbLoadRecords("$(TOP)/pv-definitions/test/autosave-test.db", "P=$(P)")

set_requestfile_path("$(TOP)/pv-definitions/test")
set_savefile_path("$(AUTOSAVE_DIR)")
save_restoreSet_InfoSetPeriod($(AUTOSAVE_PERIOD=1))
set_pass0_restoreFile("autosave-test.sav")
set_pass1_restoreFile("autosave-test.sav")

iocInit

create_monitor_set("autosave-test.req", $(AUTOSAVE_PERIOD=1), "P=$(P)")
