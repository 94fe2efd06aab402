/** Stage-chain helpers the package-manager modules share: the chain of stages and the image it starts from. */
import type { Stage } from '../model/dockerfile.js';
import { type ImageRef, parseImageRef } from '../model/images.js';

/** The stage and the stages it is built FROM, the first of them first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) chain.unshift(s);
  return chain;
}

/** The image the first stage of the chain is built FROM, as written; undefined when not known. */
export function rootImageName(stage: Stage): string | undefined {
  return stageChain(stage)[0]?.image;
}

/** The external image a stage chain starts from. */
export function rootImage(stage: Stage): ImageRef | undefined {
  const image = rootImageName(stage);
  return image === undefined ? undefined : parseImageRef(image);
}
