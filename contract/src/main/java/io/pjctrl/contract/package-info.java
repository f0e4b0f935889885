/**
 * The formats that cross a process boundary: the event contract ({@code event}), the canonical entry and its chain
 * ({@code chain}), signed notes and checkpoints ({@code note}), the Merkle log ({@code tlog}). Plain Java 17: the
 * build refuses Quarkus, CDI, Vert.x and Mutiny here.
 */
package io.pjctrl.contract;
