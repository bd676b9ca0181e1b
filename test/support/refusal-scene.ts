import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { acceptedCase, caseUnchanged, createDraft } from './http.ts';
import type { DatabaseKind } from './databases.ts';
import { withService, type ServiceBlock } from './with-service.ts';

/** The cases the refusal suites send their refused requests to, on a service of their own. */
export interface RefusalScene extends ServiceBlock {
  /** An accepted case of the example: all five departments review. */
  inReview: string;
  /** A draft of the example. */
  draft: string;
  /** An accepted case without special fire works: the fire department has no task on it. */
  noFire: string;
  /** Runs `refuse` and checks that the case's version, status and history are the same afterwards. */
  unchanged(id: string, refuse: () => Promise<void>): Promise<void>;
}

/** Starts the service and creates the scene's cases in the block's `before`; call it inside a `describe`. */
export function refusalScene(kind: DatabaseKind): RefusalScene {
  const scene = withService(kind) as RefusalScene;
  scene.unchanged = (id, refuse) => caseUnchanged(scene, id, refuse);
  before(async () => {
    const { svc, who } = scene;
    scene.inReview = await acceptedCase(svc, who, constructionPermitApplication());
    scene.draft = await createDraft(svc, who.applicant, constructionPermitApplication());
    const body = constructionPermitApplication();
    body.form.specialFireWorks = false;
    scene.noFire = await acceptedCase(svc, who, body);
  });
  return scene;
}
