/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      squad {\n        id\n        name\n      }\n    }\n    organization {\n      id\n      name\n      timeZone\n      currency\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query BoardList {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n      teamKind\n      periodKind\n      populationName\n    }\n  }\n": typeof types.BoardListDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  fragment AgendaItemFields on AgendaItem {\n    id\n    status\n    dueAt\n    onTimeDeadline\n    windowEnd\n    localDate\n    localTime\n    timeZone\n    onTime\n    completedAt\n    skippedAt\n    skipReason\n    missedAt\n    note\n    lead {\n      id\n      name\n      persona\n      tier\n    }\n    step {\n      id\n      key\n      title\n      goal\n      channel\n    }\n    script {\n      text\n      persona\n      missingVariables\n    }\n    objections {\n      id\n      key\n      stepKey\n      objection\n      answers {\n        id\n        label\n        persona\n        text\n      }\n    }\n    objectionLogs {\n      id\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n": typeof types.AgendaItemFieldsFragmentDoc,
    "\n  query MyAgenda($from: DateTime!, $to: DateTime!) {\n    myAgenda(from: $from, to: $to) {\n      ...AgendaItemFields\n    }\n  }\n": typeof types.MyAgendaDocument,
    "\n  mutation CompleteStep($id: ID!, $note: String) {\n    completeStep(id: $id, note: $note) {\n      ...AgendaItemFields\n    }\n  }\n": typeof types.CompleteStepDocument,
    "\n  mutation SkipStep($id: ID!, $reason: String!) {\n    skipStep(id: $id, reason: $reason) {\n      ...AgendaItemFields\n    }\n  }\n": typeof types.SkipStepDocument,
    "\n  mutation LogObjection($itemId: ID!, $objectionId: ID!, $answerUsed: ID, $note: String) {\n    logObjection(itemId: $itemId, objectionId: $objectionId, answerUsed: $answerUsed, note: $note) {\n      id\n      agendaItemId\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n": typeof types.LogObjectionDocument,
    "\n  query LeadDetails($id: ID!) {\n    lead(id: $id) {\n      id\n      name\n      tier\n      persona\n      score\n      stage\n      latestSubmission {\n        id\n        createdAt\n        explanation {\n          total\n          tierReason\n          personaReason\n          contributions {\n            questionKey\n            group\n            detail\n            weightedPoints\n          }\n          caps {\n            group\n            limit\n            before\n            after\n            cut\n          }\n          rules {\n            ruleKey\n            label\n            points\n          }\n        }\n      }\n    }\n  }\n": typeof types.LeadDetailsDocument,
    "\n  query MyBoards {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n    }\n    metrics {\n      key\n      unit\n    }\n  }\n": typeof types.MyBoardsDocument,
    "\n  query MyStanding($definitionId: ID!) {\n    leaderboard(input: { definitionId: $definitionId }) {\n      name\n      status\n      period {\n        label\n      }\n      rules {\n        metricKey\n      }\n      entries {\n        rank\n        band\n        rankDelta\n        previousRank\n        value\n        unrankedReason\n        entity {\n          id\n        }\n      }\n    }\n  }\n": typeof types.MyStandingDocument,
    "\n  query MyOnTime($from: DateTime!, $to: DateTime!, $memberId: ID!) {\n    sopCompliance(input: { from: $from, to: $to, memberId: $memberId }) {\n      total {\n        counted\n        doneOnTime\n        doneLate\n        missed\n        onTimeRate\n      }\n    }\n  }\n": typeof types.MyOnTimeDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      squad {\n        id\n        name\n      }\n    }\n    organization {\n      id\n      name\n      timeZone\n      currency\n    }\n  }\n": types.ViewerDocument,
    "\n  query BoardList {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n      teamKind\n      periodKind\n      populationName\n    }\n  }\n": types.BoardListDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        role\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  fragment AgendaItemFields on AgendaItem {\n    id\n    status\n    dueAt\n    onTimeDeadline\n    windowEnd\n    localDate\n    localTime\n    timeZone\n    onTime\n    completedAt\n    skippedAt\n    skipReason\n    missedAt\n    note\n    lead {\n      id\n      name\n      persona\n      tier\n    }\n    step {\n      id\n      key\n      title\n      goal\n      channel\n    }\n    script {\n      text\n      persona\n      missingVariables\n    }\n    objections {\n      id\n      key\n      stepKey\n      objection\n      answers {\n        id\n        label\n        persona\n        text\n      }\n    }\n    objectionLogs {\n      id\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n": types.AgendaItemFieldsFragmentDoc,
    "\n  query MyAgenda($from: DateTime!, $to: DateTime!) {\n    myAgenda(from: $from, to: $to) {\n      ...AgendaItemFields\n    }\n  }\n": types.MyAgendaDocument,
    "\n  mutation CompleteStep($id: ID!, $note: String) {\n    completeStep(id: $id, note: $note) {\n      ...AgendaItemFields\n    }\n  }\n": types.CompleteStepDocument,
    "\n  mutation SkipStep($id: ID!, $reason: String!) {\n    skipStep(id: $id, reason: $reason) {\n      ...AgendaItemFields\n    }\n  }\n": types.SkipStepDocument,
    "\n  mutation LogObjection($itemId: ID!, $objectionId: ID!, $answerUsed: ID, $note: String) {\n    logObjection(itemId: $itemId, objectionId: $objectionId, answerUsed: $answerUsed, note: $note) {\n      id\n      agendaItemId\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n": types.LogObjectionDocument,
    "\n  query LeadDetails($id: ID!) {\n    lead(id: $id) {\n      id\n      name\n      tier\n      persona\n      score\n      stage\n      latestSubmission {\n        id\n        createdAt\n        explanation {\n          total\n          tierReason\n          personaReason\n          contributions {\n            questionKey\n            group\n            detail\n            weightedPoints\n          }\n          caps {\n            group\n            limit\n            before\n            after\n            cut\n          }\n          rules {\n            ruleKey\n            label\n            points\n          }\n        }\n      }\n    }\n  }\n": types.LeadDetailsDocument,
    "\n  query MyBoards {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n    }\n    metrics {\n      key\n      unit\n    }\n  }\n": types.MyBoardsDocument,
    "\n  query MyStanding($definitionId: ID!) {\n    leaderboard(input: { definitionId: $definitionId }) {\n      name\n      status\n      period {\n        label\n      }\n      rules {\n        metricKey\n      }\n      entries {\n        rank\n        band\n        rankDelta\n        previousRank\n        value\n        unrankedReason\n        entity {\n          id\n        }\n      }\n    }\n  }\n": types.MyStandingDocument,
    "\n  query MyOnTime($from: DateTime!, $to: DateTime!, $memberId: ID!) {\n    sopCompliance(input: { from: $from, to: $to, memberId: $memberId }) {\n      total {\n        counted\n        doneOnTime\n        doneLate\n        missed\n        onTimeRate\n      }\n    }\n  }\n": types.MyOnTimeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      squad {\n        id\n        name\n      }\n    }\n    organization {\n      id\n      name\n      timeZone\n      currency\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      squad {\n        id\n        name\n      }\n    }\n    organization {\n      id\n      name\n      timeZone\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardList {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n      teamKind\n      periodKind\n      populationName\n    }\n  }\n"): (typeof documents)["\n  query BoardList {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n      teamKind\n      periodKind\n      populationName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgendaItemFields on AgendaItem {\n    id\n    status\n    dueAt\n    onTimeDeadline\n    windowEnd\n    localDate\n    localTime\n    timeZone\n    onTime\n    completedAt\n    skippedAt\n    skipReason\n    missedAt\n    note\n    lead {\n      id\n      name\n      persona\n      tier\n    }\n    step {\n      id\n      key\n      title\n      goal\n      channel\n    }\n    script {\n      text\n      persona\n      missingVariables\n    }\n    objections {\n      id\n      key\n      stepKey\n      objection\n      answers {\n        id\n        label\n        persona\n        text\n      }\n    }\n    objectionLogs {\n      id\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n"): (typeof documents)["\n  fragment AgendaItemFields on AgendaItem {\n    id\n    status\n    dueAt\n    onTimeDeadline\n    windowEnd\n    localDate\n    localTime\n    timeZone\n    onTime\n    completedAt\n    skippedAt\n    skipReason\n    missedAt\n    note\n    lead {\n      id\n      name\n      persona\n      tier\n    }\n    step {\n      id\n      key\n      title\n      goal\n      channel\n    }\n    script {\n      text\n      persona\n      missingVariables\n    }\n    objections {\n      id\n      key\n      stepKey\n      objection\n      answers {\n        id\n        label\n        persona\n        text\n      }\n    }\n    objectionLogs {\n      id\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAgenda($from: DateTime!, $to: DateTime!) {\n    myAgenda(from: $from, to: $to) {\n      ...AgendaItemFields\n    }\n  }\n"): (typeof documents)["\n  query MyAgenda($from: DateTime!, $to: DateTime!) {\n    myAgenda(from: $from, to: $to) {\n      ...AgendaItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteStep($id: ID!, $note: String) {\n    completeStep(id: $id, note: $note) {\n      ...AgendaItemFields\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteStep($id: ID!, $note: String) {\n    completeStep(id: $id, note: $note) {\n      ...AgendaItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SkipStep($id: ID!, $reason: String!) {\n    skipStep(id: $id, reason: $reason) {\n      ...AgendaItemFields\n    }\n  }\n"): (typeof documents)["\n  mutation SkipStep($id: ID!, $reason: String!) {\n    skipStep(id: $id, reason: $reason) {\n      ...AgendaItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogObjection($itemId: ID!, $objectionId: ID!, $answerUsed: ID, $note: String) {\n    logObjection(itemId: $itemId, objectionId: $objectionId, answerUsed: $answerUsed, note: $note) {\n      id\n      agendaItemId\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n"): (typeof documents)["\n  mutation LogObjection($itemId: ID!, $objectionId: ID!, $answerUsed: ID, $note: String) {\n    logObjection(itemId: $itemId, objectionId: $objectionId, answerUsed: $answerUsed, note: $note) {\n      id\n      agendaItemId\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeadDetails($id: ID!) {\n    lead(id: $id) {\n      id\n      name\n      tier\n      persona\n      score\n      stage\n      latestSubmission {\n        id\n        createdAt\n        explanation {\n          total\n          tierReason\n          personaReason\n          contributions {\n            questionKey\n            group\n            detail\n            weightedPoints\n          }\n          caps {\n            group\n            limit\n            before\n            after\n            cut\n          }\n          rules {\n            ruleKey\n            label\n            points\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LeadDetails($id: ID!) {\n    lead(id: $id) {\n      id\n      name\n      tier\n      persona\n      score\n      stage\n      latestSubmission {\n        id\n        createdAt\n        explanation {\n          total\n          tierReason\n          personaReason\n          contributions {\n            questionKey\n            group\n            detail\n            weightedPoints\n          }\n          caps {\n            group\n            limit\n            before\n            after\n            cut\n          }\n          rules {\n            ruleKey\n            label\n            points\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyBoards {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n    }\n    metrics {\n      key\n      unit\n    }\n  }\n"): (typeof documents)["\n  query MyBoards {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n    }\n    metrics {\n      key\n      unit\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyStanding($definitionId: ID!) {\n    leaderboard(input: { definitionId: $definitionId }) {\n      name\n      status\n      period {\n        label\n      }\n      rules {\n        metricKey\n      }\n      entries {\n        rank\n        band\n        rankDelta\n        previousRank\n        value\n        unrankedReason\n        entity {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyStanding($definitionId: ID!) {\n    leaderboard(input: { definitionId: $definitionId }) {\n      name\n      status\n      period {\n        label\n      }\n      rules {\n        metricKey\n      }\n      entries {\n        rank\n        band\n        rankDelta\n        previousRank\n        value\n        unrankedReason\n        entity {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOnTime($from: DateTime!, $to: DateTime!, $memberId: ID!) {\n    sopCompliance(input: { from: $from, to: $to, memberId: $memberId }) {\n      total {\n        counted\n        doneOnTime\n        doneLate\n        missed\n        onTimeRate\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyOnTime($from: DateTime!, $to: DateTime!, $memberId: ID!) {\n    sopCompliance(input: { from: $from, to: $to, memberId: $memberId }) {\n      total {\n        counted\n        doneOnTime\n        doneLate\n        missed\n        onTimeRate\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;