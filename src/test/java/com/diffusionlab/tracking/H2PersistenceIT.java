package com.diffusionlab.tracking;

import com.diffusionlab.PersistenceSlice;

/** The persistence contract on H2, the embedded default (in memory here). */
@PersistenceSlice
class H2PersistenceIT extends PersistenceContract {}
