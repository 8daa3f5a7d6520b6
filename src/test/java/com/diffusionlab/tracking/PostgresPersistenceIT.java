package com.diffusionlab.tracking;

import com.diffusionlab.EmbeddedPostgresConfiguration;
import com.diffusionlab.PersistenceSlice;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;

/** The persistence contract on a real PostgreSQL server, as production runs it. */
@PersistenceSlice
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(EmbeddedPostgresConfiguration.class)
class PostgresPersistenceIT extends PersistenceContract {}
