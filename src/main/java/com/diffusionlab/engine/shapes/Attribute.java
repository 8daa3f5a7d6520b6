package com.diffusionlab.engine.shapes;

/** The attributes a caption can state and the checker judges. */
public enum Attribute {
  COLOUR,
  SHAPE,
  COUNT,
  SIZE,
  POSITION,
  BACKGROUND
}
