/**
 * What a generation costs before it runs: the work of a model's networks counted from its
 * architecture ({@link com.diffusionlab.engine.work.WorkCounter}), and the device's speed at that
 * kind of work ({@link com.diffusionlab.engine.work.DeviceProbe}).
 */
package com.diffusionlab.engine.work;
