# The Pva1 plugin against the CA image plugin, for tests/python/test_ad_pva.py: camera jioc:adpva:cam1: (64x48) on
# SIM1, image1: (ArrayData as DOUBLE, so every data type compares exactly) and Pva1: serving jioc:adpva:Pva1:Image.
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/db-templates")
dbLoadRecords("$(TOP)/pv-definitions/test/simdet-beamline.db", "P=jioc:adpva:")
simDetectorConfig("SIM1", 64, 48, 1)
NDStdArraysConfigure("IMAGE1", 20, 0, "SIM1", 0)
NDPvaConfigure("PVA1", 20, 0, "SIM1", 0, "jioc:adpva:Pva1:Image")
dbLoadRecords("$(TOP)/db-templates/simDetector.template", "P=jioc:adpva:,R=cam1:,PORT=SIM1,SAMPLE_X=jioc:adpva:SampleX,SAMPLE_Y=jioc:adpva:SampleY,ROTATION=jioc:adpva:Rotation,ENERGY=jioc:adpva:Energy")
dbLoadRecords("$(TOP)/db-templates/NDStdArrays.template", "P=jioc:adpva:,R=image1:,PORT=IMAGE1,NDARRAY_PORT=SIM1,ENABLED=1,TYPE=Float64,FTVL=DOUBLE,NELEMENTS=3072")
dbLoadRecords("$(TOP)/db-templates/NDPva.template", "P=jioc:adpva:,R=Pva1:,PORT=PVA1,NDARRAY_PORT=SIM1,ENABLED=1")
iocInit
