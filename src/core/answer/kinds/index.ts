import type { KindAnswer } from "../kit.js";
import type { QuestionKind } from "../question/index.js";
import { agreementAnswer } from "./agreement.js";
import { articleAnswer } from "./article.js";
import { attributesAnswer } from "./attributes.js";
import { compareAnswer } from "./compare.js";
import { definitionAnswer } from "./definition.js";
import { judgementAnswer } from "./judgement.js";
import { orderAnswer } from "./order.js";
import { claimsAnswer } from "./claims.js";
import { consensusAnswer } from "./consensus.js";
import { countAnswer } from "./count.js";
import { roleAnswer } from "./role.js";
import { speakersAnswer } from "./speakers.js";
import { summaryAnswer } from "./summary.js";
import { topicAnswer } from "./topic.js";
import { verifyAnswer } from "./verify.js";
import { whoAnswer } from "./who.js";
import { whyAnswer } from "./why.js";

/** One answering module per kind of question. */
export const ANSWER_BY_KIND: Partial<Record<QuestionKind, KindAnswer>> = {
  article: articleAnswer,
  summary: summaryAnswer,
  order: orderAnswer,
  compare: compareAnswer,
  attributes: attributesAnswer,
  judgement: judgementAnswer,
  definition: definitionAnswer,
  speakers: (kit, q) => speakersAnswer(kit, q),
  count: countAnswer,
  role: roleAnswer,
  agreement: agreementAnswer,
  consensus: consensusAnswer,
  verify: verifyAnswer,
  claims: claimsAnswer,
  who: whoAnswer,
  why: whyAnswer,
  when: topicAnswer,
  where: topicAnswer,
  topic: topicAnswer,
};
