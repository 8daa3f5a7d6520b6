package com.diffusionlab.reports.internal;

/**
 * Where a checked entry's data lies and the CRC-32 it must have once read.
 *
 * @param dataOffset offset of the first compressed byte
 * @param crc the CRC-32 of the uncompressed data, as declared
 */
record EntryLocation(SafeZipEntry entry, long dataOffset, long crc) {}
