# The default jioc: for now the core demo (every record type in a small simulated process).
# The simulated 2-BM beamline grows here issue by issue.
epicsEnvSet("P", "$(P=jioc:demo:)")
dbLoadRecords("$(TOP)/db-templates/demo.template", "P=$(P)")
# Autosave: fields tagged info(autosaveFields, ...) are saved every 5 s (when changed) to var/autosave, which is
# not in git, and restored at the next start. See docs/autosave.md.
set_savefile_path("$(JIOC_HOME)/var/autosave")
iocInit
