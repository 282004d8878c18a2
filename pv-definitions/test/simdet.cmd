# A small simulated area detector for tests/python/test_areadetector.py: camera jioc:ad:cam1: (64x48 UInt8) on
# SIM1, image1: on IMAGE1 and a second image plugin image2: on IMAGE2 (USHORT ArrayData; for rewiring and unsigned widening), soft stand-ins for the
# sample motors, energy and shutter of the beamline mode.
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/db-templates")
dbLoadRecords("$(TOP)/pv-definitions/test/simdet-beamline.db", "P=jioc:ad:")
simDetectorConfig("SIM1", 64, 48, 1)
simDetectorConfig("SIM2", 32, 16, 1)
NDStdArraysConfigure("IMAGE1", 5, 0, "SIM1", 0)
NDStdArraysConfigure("IMAGE2", 5, 0, "SIM1", 0)
dbLoadRecords("$(TOP)/db-templates/simDetector.template", "P=jioc:ad:,R=cam1:,PORT=SIM1,SAMPLE_X=jioc:ad:SampleX,SAMPLE_Y=jioc:ad:SampleY,ROTATION=jioc:ad:Rotation,ENERGY=jioc:ad:Energy")
dbLoadRecords("$(TOP)/db-templates/simDetector.template", "P=jioc:ad:,R=cam2:,PORT=SIM2,SAMPLE_X=jioc:ad:SampleX,SAMPLE_Y=jioc:ad:SampleY,ROTATION=jioc:ad:Rotation,ENERGY=jioc:ad:Energy")
dbLoadRecords("$(TOP)/db-templates/NDStdArrays.template", "P=jioc:ad:,R=image1:,PORT=IMAGE1,NDARRAY_PORT=SIM1,ENABLED=1,TYPE=Int8,FTVL=UCHAR,NELEMENTS=3072")
dbLoadRecords("$(TOP)/db-templates/NDStdArrays.template", "P=jioc:ad:,R=image2:,PORT=IMAGE2,NDARRAY_PORT=SIM1,ENABLED=1,TYPE=Int16,FTVL=USHORT,NELEMENTS=3072")
iocInit
