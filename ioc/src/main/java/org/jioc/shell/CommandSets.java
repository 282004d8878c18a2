package org.jioc.shell;

/** Every group of iocsh commands, registered into each new shell (st.cmd and the console see the same set). */
final class CommandSets {
    private CommandSets() { }

    static void registerAll(IocShell shell) {
        StandardCommands.register(shell);
        DiagnosticCommands.register(shell);
        org.jioc.ca.CaCommands.register(shell);
        org.jioc.security.AccessSecurityCommands.register(shell);
        org.jioc.autosave.AutosaveCommands.register(shell);
        org.jioc.pva.PvaCommands.register(shell);
        org.jioc.procedure.ProcedureCommands.register(shell);
        org.jioc.motion.MotionCommands.register(shell);
        org.jioc.hexapod.HexapodCommands.register(shell);
        org.jioc.areadetector.AreaDetectorCommands.register(shell);
        org.jioc.areadetector.pva.PvaPluginCommands.register(shell);
        org.jioc.areadetector.plugins.RoiStatsCommands.register(shell);
        org.jioc.areadetector.hdf5.NDFileHDF5Commands.register(shell);
        org.jioc.catalog.RunCatalogCommands.register(shell);
    }
}
