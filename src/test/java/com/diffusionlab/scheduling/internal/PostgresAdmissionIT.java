package com.diffusionlab.scheduling.internal;

import com.diffusionlab.EmbeddedPostgresConfiguration;
import com.diffusionlab.PersistenceSlice;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Admission under load on a real PostgreSQL server, as production runs it. */
@PersistenceSlice
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({EmbeddedPostgresConfiguration.class, UsageSettlement.class})
class PostgresAdmissionIT extends AdmissionContract {}
