/**
 * The algorithms by their stable command-line names ({@link org.memarl.algorithms.registry.MdpAlgorithm},
 * {@link org.memarl.algorithms.registry.GameAlgorithm}). A package of its own, above the algorithm families, so
 * that the families depend only on {@link org.memarl.algorithms.RunConfig} and no package cycle remains.
 */
package org.memarl.algorithms.registry;
