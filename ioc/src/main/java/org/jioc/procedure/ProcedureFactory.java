package org.jioc.procedure;

/**
 * Makes a {@link Procedure} from its arguments at iocInit. Read every argument here (so mistakes stop iocInit with
 * file:line) and throw {@link ProcedureConfigException} for a bad one. Register it with
 * {@link ProcedureService#register}.
 */
@FunctionalInterface
public interface ProcedureFactory {
    Procedure create(ProcedureArgs args) throws ProcedureConfigException;
}
