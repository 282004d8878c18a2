package org.jioc.load;

/** A {@code $(NAME)} reference without a default named a macro that is not defined. */
public class UndefinedMacroException extends MacroException {
    private static final long serialVersionUID = 1L;

    public UndefinedMacroException(String macroName) {
        super(macroName, "macro " + macroName + " is undefined");
    }
}
