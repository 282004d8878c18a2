# Step scans (docs/sscan.md): the standard scan records of the 2-BM-B station, 2bmb:scan1..scan4 (chained for
# multi-dimensional scans), 2bmb:scanH, 2bmb:scanActive, 2bmb:ScanDim, 2bmb:AbortScans and 2bmb:scanPause.
dbLoadRecords("$(TOP)/db-templates/standardScans.db", "P=2bmb:,MAXPTS1=2000,MAXPTS2=1000,MAXPTS3=1000,MAXPTS4=1000,MAXPTSH=2000")
# saveData (docs/sscan.md, "Data files (saveData)"): every scan of 2bmb:scan1..scan4/scanH writes NeXus
# $(JIOC_HOME)/var/data/2bmb_sscan_0001.h5, ... and appends to $(JIOC_HOME)/var/data/2bmb_sscan.spec; runs are
# recorded in the run catalog (plan_name "sscan"). PVs 2bmb:saveData_fileSystem, _subDir, _baseName, _scanNumber, ...
dbLoadRecords("$(TOP)/db-templates/saveData.template", "P=2bmb:,FILE_SYSTEM=$(JIOC_HOME)/var/data,BASE_NAME=2bmb_sscan")
