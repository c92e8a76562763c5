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
    "\n  query BoardList {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n      teamKind\n      periodKind\n      populationName\n      current {\n        metricKey\n        topPct\n        bottomPct\n        shrinkageK\n        minDenominator\n        watchStreak\n      }\n    }\n    metrics {\n      key\n      label\n      unit\n      isRate\n      entityTypes\n      teamKind\n    }\n  }\n": typeof types.BoardListDocument,
    "\n  query BoardPeriods($definitionId: ID!) {\n    leaderboardSnapshots(definitionId: $definitionId, first: 26) {\n      id\n      label\n      periodStart\n    }\n  }\n": typeof types.BoardPeriodsDocument,
    "\n  fragment StandingsFields on Leaderboard {\n    definitionId\n    name\n    status\n    closedAt\n    direction\n    populationRate\n    period {\n      label\n      kind\n      startDate\n    }\n    rules {\n      metricKey\n      shrinkageK\n    }\n    bands {\n      top\n      middle\n      bottom\n      unranked\n    }\n    entries {\n      rank\n      position\n      band\n      rankDelta\n      previousRank\n      value\n      adjustedValue\n      numerator\n      denominator\n      unrankedReason\n      bottomStreak\n      entity {\n        id\n        name\n      }\n    }\n  }\n": typeof types.StandingsFieldsFragmentDoc,
    "\n  query Standings($input: LeaderboardInput!) {\n    leaderboard(input: $input) {\n      ...StandingsFields\n    }\n  }\n": typeof types.StandingsDocument,
    "\n  subscription StandingsChanged($leaderboardId: ID!) {\n    standingsChanged(leaderboardId: $leaderboardId) {\n      ...StandingsFields\n    }\n  }\n": typeof types.StandingsChangedDocument,
    "\n  query BoardHistory($definitionId: ID!) {\n    leaderboardHistory(definitionId: $definitionId, periods: 8) {\n      definitionId\n      periods {\n        label\n        periodStart\n      }\n      entities {\n        entity {\n          id\n        }\n        values\n        bands\n      }\n    }\n  }\n": typeof types.BoardHistoryDocument,
    "\n  query WatchList($definitionId: ID!) {\n    watchList(definitionId: $definitionId) {\n      definitionId\n      asOf\n      watchStreak\n      entries {\n        bottomStreak\n        lastRank\n        lastValue\n        openCoachingPlanId\n        entity {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.WatchListDocument,
    "\n  fragment CoachingPlanFields on CoachingPlan {\n    id\n    status\n    goals\n    notes\n    reviewDate\n    outcome\n    outcomeNotes\n    bottomStreakAtOpen\n    createdAt\n    closedAt\n    definitionId\n    subject {\n      id\n      name\n    }\n  }\n": typeof types.CoachingPlanFieldsFragmentDoc,
    "\n  query CoachingPlans($status: CoachingStatus) {\n    coachingPlans(status: $status) {\n      ...CoachingPlanFields\n    }\n  }\n": typeof types.CoachingPlansDocument,
    "\n  mutation OpenCoachingPlan($input: OpenCoachingPlanInput!) {\n    openCoachingPlan(input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n": typeof types.OpenCoachingPlanDocument,
    "\n  mutation UpdateCoachingPlan($id: ID!, $input: UpdateCoachingPlanInput!) {\n    updateCoachingPlan(id: $id, input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n": typeof types.UpdateCoachingPlanDocument,
    "\n  mutation RecordCoachingOutcome($id: ID!, $input: RecordCoachingOutcomeInput!) {\n    recordCoachingOutcome(id: $id, input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n": typeof types.RecordCoachingOutcomeDocument,
    "\n  fragment DuelFields on PkDuel {\n    id\n    status\n    entityType\n    metricKey\n    direction\n    season\n    winner\n    margin\n    closedAt\n    period {\n      label\n      startDate\n    }\n    a {\n      id\n      name\n      value\n      numerator\n      denominator\n    }\n    b {\n      id\n      name\n      value\n      numerator\n      denominator\n    }\n  }\n": typeof types.DuelFieldsFragmentDoc,
    "\n  query Duels {\n    duels {\n      ...DuelFields\n    }\n  }\n": typeof types.DuelsDocument,
    "\n  query DuelSeason($season: String!, $entityType: RankingScope!) {\n    duelSeason(season: $season, entityType: $entityType) {\n      points\n      wins\n      draws\n      losses\n      entity {\n        id\n        name\n      }\n    }\n  }\n": typeof types.DuelSeasonDocument,
    "\n  query DuelCandidates {\n    squads(kind: PRE_SALES) {\n      id\n      name\n    }\n    users(role: MEMBER, active: true, first: 200) {\n      nodes {\n        id\n        name\n        squad {\n          id\n          name\n        }\n      }\n    }\n    metrics(teamKind: PRE_SALES) {\n      key\n      label\n      unit\n      entityTypes\n    }\n  }\n": typeof types.DuelCandidatesDocument,
    "\n  mutation CreateDuel($input: CreateDuelInput!) {\n    createDuel(input: $input) {\n      ...DuelFields\n    }\n  }\n": typeof types.CreateDuelDocument,
    "\n  query MySquads {\n    me {\n      id\n      role\n      squad {\n        id\n        name\n      }\n    }\n    squads {\n      id\n      name\n      leadId\n      legion {\n        id\n        name\n        kind\n        commanderId\n      }\n    }\n  }\n": typeof types.MySquadsDocument,
    "\n  query SquadAgenda($squadId: ID!, $from: DateTime!, $to: DateTime!) {\n    squadAgenda(squadId: $squadId, from: $from, to: $to) {\n      id\n      status\n      dueAt\n      onTimeDeadline\n      windowEnd\n      onTime\n      completedAt\n      skippedAt\n      missedAt\n      repId\n      rep {\n        id\n        name\n      }\n      lead {\n        id\n        name\n      }\n      step {\n        id\n        title\n      }\n    }\n  }\n": typeof types.SquadAgendaDocument,
    "\n  query ExperimentFeed($after: String) {\n    experimentFeed(first: 20, after: $after) {\n      nodes {\n        id\n        title\n        hypothesis\n        status\n        verdict\n        summary\n        publicationNote\n        publishedAt\n        metricKey\n        winnerVariantKey\n        tags\n        squad {\n          id\n          name\n        }\n        owner {\n          id\n          name\n        }\n        adoptions {\n          id\n          squadId\n          adoptedAt\n          squad {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ExperimentFeedDocument,
    "\n  mutation AdoptExperiment($id: ID!, $squadId: ID!) {\n    adoptExperiment(id: $id, squadId: $squadId) {\n      id\n      adoptions {\n        id\n        squadId\n        adoptedAt\n        squad {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.AdoptExperimentDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  fragment AgendaItemFields on AgendaItem {\n    id\n    status\n    dueAt\n    onTimeDeadline\n    windowEnd\n    localDate\n    localTime\n    timeZone\n    onTime\n    completedAt\n    skippedAt\n    skipReason\n    missedAt\n    cancelledAt\n    cancelReason\n    note\n    lead {\n      id\n      name\n      persona\n      tier\n    }\n    step {\n      id\n      key\n      title\n      goal\n      channel\n    }\n    script {\n      text\n      persona\n      missingVariables\n    }\n    objections {\n      id\n      key\n      stepKey\n      objection\n      answers {\n        id\n        label\n        persona\n        text\n      }\n    }\n    objectionLogs {\n      id\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n": typeof types.AgendaItemFieldsFragmentDoc,
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
    "\n  query BoardList {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n      teamKind\n      periodKind\n      populationName\n      current {\n        metricKey\n        topPct\n        bottomPct\n        shrinkageK\n        minDenominator\n        watchStreak\n      }\n    }\n    metrics {\n      key\n      label\n      unit\n      isRate\n      entityTypes\n      teamKind\n    }\n  }\n": types.BoardListDocument,
    "\n  query BoardPeriods($definitionId: ID!) {\n    leaderboardSnapshots(definitionId: $definitionId, first: 26) {\n      id\n      label\n      periodStart\n    }\n  }\n": types.BoardPeriodsDocument,
    "\n  fragment StandingsFields on Leaderboard {\n    definitionId\n    name\n    status\n    closedAt\n    direction\n    populationRate\n    period {\n      label\n      kind\n      startDate\n    }\n    rules {\n      metricKey\n      shrinkageK\n    }\n    bands {\n      top\n      middle\n      bottom\n      unranked\n    }\n    entries {\n      rank\n      position\n      band\n      rankDelta\n      previousRank\n      value\n      adjustedValue\n      numerator\n      denominator\n      unrankedReason\n      bottomStreak\n      entity {\n        id\n        name\n      }\n    }\n  }\n": types.StandingsFieldsFragmentDoc,
    "\n  query Standings($input: LeaderboardInput!) {\n    leaderboard(input: $input) {\n      ...StandingsFields\n    }\n  }\n": types.StandingsDocument,
    "\n  subscription StandingsChanged($leaderboardId: ID!) {\n    standingsChanged(leaderboardId: $leaderboardId) {\n      ...StandingsFields\n    }\n  }\n": types.StandingsChangedDocument,
    "\n  query BoardHistory($definitionId: ID!) {\n    leaderboardHistory(definitionId: $definitionId, periods: 8) {\n      definitionId\n      periods {\n        label\n        periodStart\n      }\n      entities {\n        entity {\n          id\n        }\n        values\n        bands\n      }\n    }\n  }\n": types.BoardHistoryDocument,
    "\n  query WatchList($definitionId: ID!) {\n    watchList(definitionId: $definitionId) {\n      definitionId\n      asOf\n      watchStreak\n      entries {\n        bottomStreak\n        lastRank\n        lastValue\n        openCoachingPlanId\n        entity {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.WatchListDocument,
    "\n  fragment CoachingPlanFields on CoachingPlan {\n    id\n    status\n    goals\n    notes\n    reviewDate\n    outcome\n    outcomeNotes\n    bottomStreakAtOpen\n    createdAt\n    closedAt\n    definitionId\n    subject {\n      id\n      name\n    }\n  }\n": types.CoachingPlanFieldsFragmentDoc,
    "\n  query CoachingPlans($status: CoachingStatus) {\n    coachingPlans(status: $status) {\n      ...CoachingPlanFields\n    }\n  }\n": types.CoachingPlansDocument,
    "\n  mutation OpenCoachingPlan($input: OpenCoachingPlanInput!) {\n    openCoachingPlan(input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n": types.OpenCoachingPlanDocument,
    "\n  mutation UpdateCoachingPlan($id: ID!, $input: UpdateCoachingPlanInput!) {\n    updateCoachingPlan(id: $id, input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n": types.UpdateCoachingPlanDocument,
    "\n  mutation RecordCoachingOutcome($id: ID!, $input: RecordCoachingOutcomeInput!) {\n    recordCoachingOutcome(id: $id, input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n": types.RecordCoachingOutcomeDocument,
    "\n  fragment DuelFields on PkDuel {\n    id\n    status\n    entityType\n    metricKey\n    direction\n    season\n    winner\n    margin\n    closedAt\n    period {\n      label\n      startDate\n    }\n    a {\n      id\n      name\n      value\n      numerator\n      denominator\n    }\n    b {\n      id\n      name\n      value\n      numerator\n      denominator\n    }\n  }\n": types.DuelFieldsFragmentDoc,
    "\n  query Duels {\n    duels {\n      ...DuelFields\n    }\n  }\n": types.DuelsDocument,
    "\n  query DuelSeason($season: String!, $entityType: RankingScope!) {\n    duelSeason(season: $season, entityType: $entityType) {\n      points\n      wins\n      draws\n      losses\n      entity {\n        id\n        name\n      }\n    }\n  }\n": types.DuelSeasonDocument,
    "\n  query DuelCandidates {\n    squads(kind: PRE_SALES) {\n      id\n      name\n    }\n    users(role: MEMBER, active: true, first: 200) {\n      nodes {\n        id\n        name\n        squad {\n          id\n          name\n        }\n      }\n    }\n    metrics(teamKind: PRE_SALES) {\n      key\n      label\n      unit\n      entityTypes\n    }\n  }\n": types.DuelCandidatesDocument,
    "\n  mutation CreateDuel($input: CreateDuelInput!) {\n    createDuel(input: $input) {\n      ...DuelFields\n    }\n  }\n": types.CreateDuelDocument,
    "\n  query MySquads {\n    me {\n      id\n      role\n      squad {\n        id\n        name\n      }\n    }\n    squads {\n      id\n      name\n      leadId\n      legion {\n        id\n        name\n        kind\n        commanderId\n      }\n    }\n  }\n": types.MySquadsDocument,
    "\n  query SquadAgenda($squadId: ID!, $from: DateTime!, $to: DateTime!) {\n    squadAgenda(squadId: $squadId, from: $from, to: $to) {\n      id\n      status\n      dueAt\n      onTimeDeadline\n      windowEnd\n      onTime\n      completedAt\n      skippedAt\n      missedAt\n      repId\n      rep {\n        id\n        name\n      }\n      lead {\n        id\n        name\n      }\n      step {\n        id\n        title\n      }\n    }\n  }\n": types.SquadAgendaDocument,
    "\n  query ExperimentFeed($after: String) {\n    experimentFeed(first: 20, after: $after) {\n      nodes {\n        id\n        title\n        hypothesis\n        status\n        verdict\n        summary\n        publicationNote\n        publishedAt\n        metricKey\n        winnerVariantKey\n        tags\n        squad {\n          id\n          name\n        }\n        owner {\n          id\n          name\n        }\n        adoptions {\n          id\n          squadId\n          adoptedAt\n          squad {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ExperimentFeedDocument,
    "\n  mutation AdoptExperiment($id: ID!, $squadId: ID!) {\n    adoptExperiment(id: $id, squadId: $squadId) {\n      id\n      adoptions {\n        id\n        squadId\n        adoptedAt\n        squad {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.AdoptExperimentDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        role\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  fragment AgendaItemFields on AgendaItem {\n    id\n    status\n    dueAt\n    onTimeDeadline\n    windowEnd\n    localDate\n    localTime\n    timeZone\n    onTime\n    completedAt\n    skippedAt\n    skipReason\n    missedAt\n    cancelledAt\n    cancelReason\n    note\n    lead {\n      id\n      name\n      persona\n      tier\n    }\n    step {\n      id\n      key\n      title\n      goal\n      channel\n    }\n    script {\n      text\n      persona\n      missingVariables\n    }\n    objections {\n      id\n      key\n      stepKey\n      objection\n      answers {\n        id\n        label\n        persona\n        text\n      }\n    }\n    objectionLogs {\n      id\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n": types.AgendaItemFieldsFragmentDoc,
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
export function graphql(source: "\n  query BoardList {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n      teamKind\n      periodKind\n      populationName\n      current {\n        metricKey\n        topPct\n        bottomPct\n        shrinkageK\n        minDenominator\n        watchStreak\n      }\n    }\n    metrics {\n      key\n      label\n      unit\n      isRate\n      entityTypes\n      teamKind\n    }\n  }\n"): (typeof documents)["\n  query BoardList {\n    leaderboardDefinitions {\n      id\n      name\n      scope\n      teamKind\n      periodKind\n      populationName\n      current {\n        metricKey\n        topPct\n        bottomPct\n        shrinkageK\n        minDenominator\n        watchStreak\n      }\n    }\n    metrics {\n      key\n      label\n      unit\n      isRate\n      entityTypes\n      teamKind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardPeriods($definitionId: ID!) {\n    leaderboardSnapshots(definitionId: $definitionId, first: 26) {\n      id\n      label\n      periodStart\n    }\n  }\n"): (typeof documents)["\n  query BoardPeriods($definitionId: ID!) {\n    leaderboardSnapshots(definitionId: $definitionId, first: 26) {\n      id\n      label\n      periodStart\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StandingsFields on Leaderboard {\n    definitionId\n    name\n    status\n    closedAt\n    direction\n    populationRate\n    period {\n      label\n      kind\n      startDate\n    }\n    rules {\n      metricKey\n      shrinkageK\n    }\n    bands {\n      top\n      middle\n      bottom\n      unranked\n    }\n    entries {\n      rank\n      position\n      band\n      rankDelta\n      previousRank\n      value\n      adjustedValue\n      numerator\n      denominator\n      unrankedReason\n      bottomStreak\n      entity {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment StandingsFields on Leaderboard {\n    definitionId\n    name\n    status\n    closedAt\n    direction\n    populationRate\n    period {\n      label\n      kind\n      startDate\n    }\n    rules {\n      metricKey\n      shrinkageK\n    }\n    bands {\n      top\n      middle\n      bottom\n      unranked\n    }\n    entries {\n      rank\n      position\n      band\n      rankDelta\n      previousRank\n      value\n      adjustedValue\n      numerator\n      denominator\n      unrankedReason\n      bottomStreak\n      entity {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Standings($input: LeaderboardInput!) {\n    leaderboard(input: $input) {\n      ...StandingsFields\n    }\n  }\n"): (typeof documents)["\n  query Standings($input: LeaderboardInput!) {\n    leaderboard(input: $input) {\n      ...StandingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StandingsChanged($leaderboardId: ID!) {\n    standingsChanged(leaderboardId: $leaderboardId) {\n      ...StandingsFields\n    }\n  }\n"): (typeof documents)["\n  subscription StandingsChanged($leaderboardId: ID!) {\n    standingsChanged(leaderboardId: $leaderboardId) {\n      ...StandingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardHistory($definitionId: ID!) {\n    leaderboardHistory(definitionId: $definitionId, periods: 8) {\n      definitionId\n      periods {\n        label\n        periodStart\n      }\n      entities {\n        entity {\n          id\n        }\n        values\n        bands\n      }\n    }\n  }\n"): (typeof documents)["\n  query BoardHistory($definitionId: ID!) {\n    leaderboardHistory(definitionId: $definitionId, periods: 8) {\n      definitionId\n      periods {\n        label\n        periodStart\n      }\n      entities {\n        entity {\n          id\n        }\n        values\n        bands\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WatchList($definitionId: ID!) {\n    watchList(definitionId: $definitionId) {\n      definitionId\n      asOf\n      watchStreak\n      entries {\n        bottomStreak\n        lastRank\n        lastValue\n        openCoachingPlanId\n        entity {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WatchList($definitionId: ID!) {\n    watchList(definitionId: $definitionId) {\n      definitionId\n      asOf\n      watchStreak\n      entries {\n        bottomStreak\n        lastRank\n        lastValue\n        openCoachingPlanId\n        entity {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CoachingPlanFields on CoachingPlan {\n    id\n    status\n    goals\n    notes\n    reviewDate\n    outcome\n    outcomeNotes\n    bottomStreakAtOpen\n    createdAt\n    closedAt\n    definitionId\n    subject {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment CoachingPlanFields on CoachingPlan {\n    id\n    status\n    goals\n    notes\n    reviewDate\n    outcome\n    outcomeNotes\n    bottomStreakAtOpen\n    createdAt\n    closedAt\n    definitionId\n    subject {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoachingPlans($status: CoachingStatus) {\n    coachingPlans(status: $status) {\n      ...CoachingPlanFields\n    }\n  }\n"): (typeof documents)["\n  query CoachingPlans($status: CoachingStatus) {\n    coachingPlans(status: $status) {\n      ...CoachingPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenCoachingPlan($input: OpenCoachingPlanInput!) {\n    openCoachingPlan(input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation OpenCoachingPlan($input: OpenCoachingPlanInput!) {\n    openCoachingPlan(input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCoachingPlan($id: ID!, $input: UpdateCoachingPlanInput!) {\n    updateCoachingPlan(id: $id, input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCoachingPlan($id: ID!, $input: UpdateCoachingPlanInput!) {\n    updateCoachingPlan(id: $id, input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordCoachingOutcome($id: ID!, $input: RecordCoachingOutcomeInput!) {\n    recordCoachingOutcome(id: $id, input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation RecordCoachingOutcome($id: ID!, $input: RecordCoachingOutcomeInput!) {\n    recordCoachingOutcome(id: $id, input: $input) {\n      ...CoachingPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DuelFields on PkDuel {\n    id\n    status\n    entityType\n    metricKey\n    direction\n    season\n    winner\n    margin\n    closedAt\n    period {\n      label\n      startDate\n    }\n    a {\n      id\n      name\n      value\n      numerator\n      denominator\n    }\n    b {\n      id\n      name\n      value\n      numerator\n      denominator\n    }\n  }\n"): (typeof documents)["\n  fragment DuelFields on PkDuel {\n    id\n    status\n    entityType\n    metricKey\n    direction\n    season\n    winner\n    margin\n    closedAt\n    period {\n      label\n      startDate\n    }\n    a {\n      id\n      name\n      value\n      numerator\n      denominator\n    }\n    b {\n      id\n      name\n      value\n      numerator\n      denominator\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Duels {\n    duels {\n      ...DuelFields\n    }\n  }\n"): (typeof documents)["\n  query Duels {\n    duels {\n      ...DuelFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DuelSeason($season: String!, $entityType: RankingScope!) {\n    duelSeason(season: $season, entityType: $entityType) {\n      points\n      wins\n      draws\n      losses\n      entity {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query DuelSeason($season: String!, $entityType: RankingScope!) {\n    duelSeason(season: $season, entityType: $entityType) {\n      points\n      wins\n      draws\n      losses\n      entity {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DuelCandidates {\n    squads(kind: PRE_SALES) {\n      id\n      name\n    }\n    users(role: MEMBER, active: true, first: 200) {\n      nodes {\n        id\n        name\n        squad {\n          id\n          name\n        }\n      }\n    }\n    metrics(teamKind: PRE_SALES) {\n      key\n      label\n      unit\n      entityTypes\n    }\n  }\n"): (typeof documents)["\n  query DuelCandidates {\n    squads(kind: PRE_SALES) {\n      id\n      name\n    }\n    users(role: MEMBER, active: true, first: 200) {\n      nodes {\n        id\n        name\n        squad {\n          id\n          name\n        }\n      }\n    }\n    metrics(teamKind: PRE_SALES) {\n      key\n      label\n      unit\n      entityTypes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDuel($input: CreateDuelInput!) {\n    createDuel(input: $input) {\n      ...DuelFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDuel($input: CreateDuelInput!) {\n    createDuel(input: $input) {\n      ...DuelFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySquads {\n    me {\n      id\n      role\n      squad {\n        id\n        name\n      }\n    }\n    squads {\n      id\n      name\n      leadId\n      legion {\n        id\n        name\n        kind\n        commanderId\n      }\n    }\n  }\n"): (typeof documents)["\n  query MySquads {\n    me {\n      id\n      role\n      squad {\n        id\n        name\n      }\n    }\n    squads {\n      id\n      name\n      leadId\n      legion {\n        id\n        name\n        kind\n        commanderId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SquadAgenda($squadId: ID!, $from: DateTime!, $to: DateTime!) {\n    squadAgenda(squadId: $squadId, from: $from, to: $to) {\n      id\n      status\n      dueAt\n      onTimeDeadline\n      windowEnd\n      onTime\n      completedAt\n      skippedAt\n      missedAt\n      repId\n      rep {\n        id\n        name\n      }\n      lead {\n        id\n        name\n      }\n      step {\n        id\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  query SquadAgenda($squadId: ID!, $from: DateTime!, $to: DateTime!) {\n    squadAgenda(squadId: $squadId, from: $from, to: $to) {\n      id\n      status\n      dueAt\n      onTimeDeadline\n      windowEnd\n      onTime\n      completedAt\n      skippedAt\n      missedAt\n      repId\n      rep {\n        id\n        name\n      }\n      lead {\n        id\n        name\n      }\n      step {\n        id\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExperimentFeed($after: String) {\n    experimentFeed(first: 20, after: $after) {\n      nodes {\n        id\n        title\n        hypothesis\n        status\n        verdict\n        summary\n        publicationNote\n        publishedAt\n        metricKey\n        winnerVariantKey\n        tags\n        squad {\n          id\n          name\n        }\n        owner {\n          id\n          name\n        }\n        adoptions {\n          id\n          squadId\n          adoptedAt\n          squad {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExperimentFeed($after: String) {\n    experimentFeed(first: 20, after: $after) {\n      nodes {\n        id\n        title\n        hypothesis\n        status\n        verdict\n        summary\n        publicationNote\n        publishedAt\n        metricKey\n        winnerVariantKey\n        tags\n        squad {\n          id\n          name\n        }\n        owner {\n          id\n          name\n        }\n        adoptions {\n          id\n          squadId\n          adoptedAt\n          squad {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdoptExperiment($id: ID!, $squadId: ID!) {\n    adoptExperiment(id: $id, squadId: $squadId) {\n      id\n      adoptions {\n        id\n        squadId\n        adoptedAt\n        squad {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdoptExperiment($id: ID!, $squadId: ID!) {\n    adoptExperiment(id: $id, squadId: $squadId) {\n      id\n      adoptions {\n        id\n        squadId\n        adoptedAt\n        squad {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgendaItemFields on AgendaItem {\n    id\n    status\n    dueAt\n    onTimeDeadline\n    windowEnd\n    localDate\n    localTime\n    timeZone\n    onTime\n    completedAt\n    skippedAt\n    skipReason\n    missedAt\n    cancelledAt\n    cancelReason\n    note\n    lead {\n      id\n      name\n      persona\n      tier\n    }\n    step {\n      id\n      key\n      title\n      goal\n      channel\n    }\n    script {\n      text\n      persona\n      missingVariables\n    }\n    objections {\n      id\n      key\n      stepKey\n      objection\n      answers {\n        id\n        label\n        persona\n        text\n      }\n    }\n    objectionLogs {\n      id\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n"): (typeof documents)["\n  fragment AgendaItemFields on AgendaItem {\n    id\n    status\n    dueAt\n    onTimeDeadline\n    windowEnd\n    localDate\n    localTime\n    timeZone\n    onTime\n    completedAt\n    skippedAt\n    skipReason\n    missedAt\n    cancelledAt\n    cancelReason\n    note\n    lead {\n      id\n      name\n      persona\n      tier\n    }\n    step {\n      id\n      key\n      title\n      goal\n      channel\n    }\n    script {\n      text\n      persona\n      missingVariables\n    }\n    objections {\n      id\n      key\n      stepKey\n      objection\n      answers {\n        id\n        label\n        persona\n        text\n      }\n    }\n    objectionLogs {\n      id\n      objectionId\n      answerId\n      note\n      loggedAt\n    }\n  }\n"];
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