/**
 * Personal data in the hashed log (docs/personal-data.md, docs/integrity.md §18): which fields are personal
 * ({@link PersonalFields}), the salted commitment that replaces each of their values in the canonical entry
 * ({@link Commitments}), the committing of an event's JSON ({@link PersonalValues}) and the folding of an export's
 * openings back into commitments ({@link Openings}). Plain Java, no framework, like the chain package.
 */
package io.pjctrl.contract.privacy;
