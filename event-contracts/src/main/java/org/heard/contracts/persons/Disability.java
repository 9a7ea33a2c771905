package org.heard.contracts.persons;

/** Disability flags that IMHA reviews found to mark underserved groups. */
public enum Disability {
    DEAF,
    LEARNING_DISABILITY,
    AUTISM
}
