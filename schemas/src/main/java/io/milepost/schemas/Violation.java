package io.milepost.schemas;

/**
 * One thing wrong with a payload.
 *
 * @param field JSON pointer of the offending field ("" for the whole document)
 * @param message a sentence a person understands, naming the field
 */
public record Violation(String field, String message) {}
