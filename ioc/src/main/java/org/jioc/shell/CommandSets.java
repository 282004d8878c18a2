package org.jioc.shell;

/** Every group of iocsh commands, registered into each new shell (st.cmd and the console see the same set). */
final class CommandSets {
    private CommandSets() { }

    static void registerAll(IocShell shell) {
        StandardCommands.register(shell);
        org.jioc.pva.PvaCommands.register(shell);
    }
}
