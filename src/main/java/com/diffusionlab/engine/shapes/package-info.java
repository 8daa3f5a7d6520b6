/**
 * The shapes world of Diffusion Lab's own small model: a procedural dataset of captioned images,
 * the caption language with its tokenizer vocabulary, and a checker that reads images back without
 * any learnt model, to score how well generated images follow their prompts.
 *
 * <h2>Dataset</h2>
 *
 * A {@link com.diffusionlab.engine.shapes.ShapeScene} holds one to three shapes sharing one kind
 * (circle, square, triangle, star, ring), one of ten {@link
 * com.diffusionlab.engine.shapes.NamedColour}s and one size class (small: 10–12 px, large: 16–18
 * px), lined up at one of five places (left, right, top, bottom, centre), at least 4 px apart, on a
 * background of another named colour. Shapes are upright: triangles and stars point up. {@link
 * com.diffusionlab.engine.shapes.ShapeDataset} draws item {@code i} from its own generator, seeded
 * from the dataset seed and {@code i} (SplitMix64, written out so no JDK detail matters), and
 * paints it at 64 × 64 with Java2D's antialiasing, which rasterises in Java: the same bytes on
 * every run, thread and machine of one JDK.
 *
 * <h2>Captions</h2>
 *
 * {@link com.diffusionlab.engine.shapes.CaptionGrammar} writes "count [size] colour shape
 * [position] [background]" ("two large green squares at the top on a black background"), stating
 * size, position and background each with its own probability; {@link
 * com.diffusionlab.engine.shapes.CaptionParser} reads such text back into {@link
 * com.diffusionlab.engine.shapes.CaptionAttributes} and refuses anything else, naming the word.
 * {@link com.diffusionlab.engine.shapes.GrammarVocabulary} writes a Hugging Face CLIP tokenizer
 * folder in which every word of the grammar is one token (158 tokens, context 16).
 *
 * <h2>Checker</h2>
 *
 * {@link com.diffusionlab.engine.shapes.ShapeChecker}: the background is the border's median
 * colour; objects are connected pixels far from it; each object's colour is read from its core
 * pixels as a blend of background and a named colour; every pixel gets a coverage (its place on the
 * line from background to object colour), which makes the measurements indifferent to antialiasing
 * and soft edges. A ring leaves its centroid uncovered; the other kinds differ in rotational
 * symmetry, which the complex moments of orders 3, 4 and 5 expose whatever the rotation; size
 * follows from the area; position from the mean of the objects' centres, by the same rule the
 * scenes obey ({@link com.diffusionlab.engine.shapes.Position#of}). Its {@link
 * com.diffusionlab.engine.shapes.CheckResult#matches} judges each attribute a caption states.
 */
package com.diffusionlab.engine.shapes;
