package eu.aiact.tracker.webapp.system;

/** How a command's field is entered. */
public enum FieldKind {
    TEXT, TEXTAREA, DATE, SELECT, YES_NO, CHECKBOX, BASES, ASSESSMENT, OBLIGATION, ORGANISATION
}
