package org.jioc.procedure;

import java.io.PrintStream;
import java.util.List;

import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/** iocsh: procedureShow, the procedures of this IOC and their state (start and abort them with dbpf). */
public final class ProcedureCommands {
    private ProcedureCommands() { }

    public static void register(IocShell sh) {
        sh.register("procedureShow", "procedureShow [level] (1: step, precheck, arguments; 2: implementations)",
                (s, a) -> show(s, IocShell.intArg(a, 0, 0, "procedureShow")));
    }

    private static void show(IocShell s, int level) throws ShellException {
        ProcedureService svc = s.ioc().service(ProcedureService.class);
        if (svc == null) throw new ShellException("procedureShow: no procedure service in this IOC");
        PrintStream out = s.out();
        List<ProcedureInfo> all = svc.procedures();
        if (all.isEmpty()) out.println("no procedures (a busy record with info(procedure, \"impl\") makes one)");
        for (ProcedureInfo info : all) {
            ProcedureInstance p = (ProcedureInstance) info;
            String msg = p.message();
            out.println(p.name() + " (" + p.implementation() + "): " + p.status().label()
                    + (msg.isEmpty() ? "" : ": " + msg));
            if (level < 1) continue;
            String step = p.currentStep();
            if (!step.isEmpty()) out.println("    step: " + step);
            if (!p.args().values().isEmpty()) out.println("    arguments: " + p.args().values());
            for (Precondition c : p.preconditions())
                out.println("    precondition: " + c.condition() + (c.reason() == null ? "" : " (" + c.reason() + ")"));
            if (!p.resources().isEmpty()) out.println("    resources: " + String.join(", ", p.resources()));
        }
        if (level >= 2)
            out.println("implementations: " + String.join(", ", svc.implementations().stream().sorted().toList()));
    }
}
