package org.jioc.areadetector.asyn;

/** asynParamType: which asyn interface reads and writes a parameter. */
public enum ParamType { INT32, FLOAT64, OCTET, ARRAY }
