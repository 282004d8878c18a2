/**
 * Reads EPICS record databases ({@code .db}, {@code .template}) and substitutions files into a
 * plain declaration model ({@link org.jioc.load.DbModel}) with dbLoadRecords/dbLoadTemplate
 * semantics: macLib macro expansion, include/path/addpath, record merging, aliases, info tags,
 * and {@code file:line: message} errors. Record types and field names are not checked against
 * record definitions here; the IOC core does that using each declaration's source location.
 */
package org.jioc.load;
