package com.diffusionlab.engine.nn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive for a parameterless module from TorchScript source, without Python.
 * The archive is what {@code torch.jit.save} produces for such a module: the source, a pickle that
 * builds the object, an empty constants table and the format version.
 */
final class TorchScriptArchive {

  private static final String ROOT = "ops/";

  /**
   * {@code PROTO 2, GLOBAL '__torch__ <Class>', EMPTY_TUPLE, NEWOBJ, {'training': False}, BUILD,
   * STOP}.
   */
  private static byte[] objectPickle(String className) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x80);
    out.write(2);
    out.write('c');
    out.writeBytes(("__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
    out.write(')');
    out.write(0x81);
    out.write('}');
    out.write('X');
    byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
    out.writeBytes(key);
    out.write(0x89);
    out.write('s');
    out.write('b');
    out.write('.');
    return out.toByteArray();
  }

  private TorchScriptArchive() {}

  /**
   * @param className the TorchScript class name, e.g. {@code Ops}
   * @param methods method source blocks, each starting with {@code def name(self: __torch__.X,
   *     ...)} and indented by two spaces inside the class
   */
  static byte[] build(String className, String methods) {
    String source =
        "class "
            + className
            + "(Module):\n"
            + "  __parameters__ = []\n"
            + "  __buffers__ = []\n"
            + "  training : bool\n"
            + methods;
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("data.pkl", objectPickle(className));
    entries.put("code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
    entries.put("constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
    entries.put("version", "8\n".getBytes(StandardCharsets.US_ASCII));
    entries.put("byteorder", "little".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(stored(ROOT + entry.getKey(), entry.getValue()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** libtorch's archive reader expects uncompressed entries, as torch.jit.save writes them. */
  private static ZipEntry stored(String name, byte[] content) {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(content.length);
    entry.setCompressedSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    entry.setCrc(crc.getValue());
    return entry;
  }
}
