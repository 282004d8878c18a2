# The default jioc: the core demo (every record type in a small simulated process) and the simulated 2-BM
# beamline, which grows here issue by issue.
epicsEnvSet("P", "$(P=jioc:demo:)")
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/db-templates")
dbLoadRecords("$(TOP)/db-templates/demo.template", "P=$(P)")
# Motion: 2-BM-A optics and 2-BM-B sample stage motors on simulated controllers (docs/motor.md).
< $(TOP)/pv-definitions/default/motors.cmd
# The hexapod (2bmHXP:), its lock fault and the HexapodReboot procedure (docs/hexapod.md).
< $(TOP)/pv-definitions/default/hexapod.cmd
# Energy setting along the Mono/Pink calibration curves: 2bma:Energy, EnergyMode, EnergyMove (docs/energy.md).
< $(TOP)/pv-definitions/default/energy.cmd
# Step scans: the synApps standard scans 2bmb:scan1..scan4, scanH, AbortScans, scanPause (docs/sscan.md).
< $(TOP)/pv-definitions/default/scans.cmd
# Autosave: fields tagged info(autosaveFields, ...) are saved every 5 s (when changed) to var/autosave, which is
# not in git, and restored at the next start (motor positions included). See docs/autosave.md.
set_savefile_path("$(JIOC_HOME)/var/autosave")
# The run catalog (H2 under var/catalog, or PostgreSQL) and its command queue, 2bmb:Queue:*, 2bmb:Catalog:* (docs/catalog.md).
< $(TOP)/pv-definitions/default/catalog.cmd
# Plans as PVs: count, scan, rel_scan, list_scan, grid_scan on 2bmb:Plan:* (docs/plans.md).
< $(TOP)/pv-definitions/default/plans.cmd
# The simulated area detector 2bmbSP1:cam1:, image1: (docs/areadetector.md).
< $(TOP)/pv-definitions/default/simdet.cmd
iocInit
