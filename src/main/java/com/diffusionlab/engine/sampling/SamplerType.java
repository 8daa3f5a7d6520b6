package com.diffusionlab.engine.sampling;

/** The samplers this engine has, with their stable names. */
public enum SamplerType {
  EULER("euler", "Euler"),
  EULER_ANCESTRAL("euler_a", "Euler a"),
  DPMPP_2M("dpmpp_2m", "DPM++ 2M"),
  DDIM("ddim", "DDIM"),
  PNDM("pndm", "PLMS");

  private final String id;
  private final String a1111Name;

  SamplerType(String id, String a1111Name) {
    this.id = id;
    this.a1111Name = a1111Name;
  }

  /** The stable name used in settings, tracking and queries. */
  public String id() {
    return id;
  }

  /** The name AUTOMATIC1111 shows and writes as "Sampler" in its infotext. */
  public String a1111Name() {
    return a1111Name;
  }
}
