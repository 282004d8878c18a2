# Step scans for tests/python/test_sscan.py: the standard scan records ($(P)scan1..4, scanH, AbortScans, scanPause)
# and soft detectors that read the test motors when their trigger processes them (docs/sscan.md).
dbLoadRecords("$(TOP)/db-templates/standardScans.db", "P=$(P),MAXPTS1=100,MAXPTS2=50,MAXPTS3=20,MAXPTS4=20,MAXPTSH=100")
dbLoadRecords("$(TOP)/pv-definitions/test/sscan-test.db", "P=$(P)")
# saveData for the standard scans: NeXus + SPEC files of every scan (tests/python/test_savedata.py).
dbLoadRecords("$(TOP)/db-templates/saveData.template", "P=$(P),FILE_SYSTEM=$(SAVEDATA_DIR=$(JIOC_HOME)/var/data),BASE_NAME=sscan")
