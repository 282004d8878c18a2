# The ROI/Stats test IOC for tests/python/test_ad_roistats.py: camera jioc:rs:cam1: (120x90 UInt16) on SIM1 with
# image1: (the camera's frames), ROI1 and Stats1 on SIM1, Stats2 and image2: (the ROI's frames) on ROI1, all enabled.
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/db-templates")
dbLoadRecords("$(TOP)/pv-definitions/test/simdet-beamline.db", "P=jioc:rs:")
simDetectorConfig("SIM1", 120, 90, 3)
NDStdArraysConfigure("IMAGE1", 5, 0, "SIM1", 0)
NDROIConfigure("ROI1", 5, 0, "SIM1", 0)
NDStatsConfigure("STATS1", 5, 0, "SIM1", 0)
NDStatsConfigure("STATS2", 5, 0, "ROI1", 0)
NDStdArraysConfigure("IMAGE2", 5, 0, "ROI1", 0)
dbLoadRecords("$(TOP)/db-templates/simDetector.template", "P=jioc:rs:,R=cam1:,PORT=SIM1,DATATYPE=3,SAMPLE_X=jioc:rs:SampleX,SAMPLE_Y=jioc:rs:SampleY,ROTATION=jioc:rs:Rotation,ENERGY=jioc:rs:Energy")
dbLoadRecords("$(TOP)/db-templates/NDStdArrays.template", "P=jioc:rs:,R=image1:,PORT=IMAGE1,NDARRAY_PORT=SIM1,ENABLED=1,TYPE=Int16,FTVL=USHORT,NELEMENTS=10800")
dbLoadRecords("$(TOP)/db-templates/NDROI.template", "P=jioc:rs:,R=ROI1:,PORT=ROI1,NDARRAY_PORT=SIM1,ENABLED=1")
dbLoadRecords("$(TOP)/db-templates/NDStats.template", "P=jioc:rs:,R=Stats1:,PORT=STATS1,NDARRAY_PORT=SIM1,ENABLED=1,HIST_SIZE=64,XSIZE=120,YSIZE=90")
dbLoadRecords("$(TOP)/db-templates/NDStats.template", "P=jioc:rs:,R=Stats2:,PORT=STATS2,NDARRAY_PORT=ROI1,ENABLED=1")
dbLoadRecords("$(TOP)/db-templates/NDStdArrays.template", "P=jioc:rs:,R=image2:,PORT=IMAGE2,NDARRAY_PORT=ROI1,ENABLED=1,TYPE=Float64,FTVL=DOUBLE,NELEMENTS=10800")
iocInit
