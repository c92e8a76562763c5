import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, type CombinedError } from 'urql';
import { errorFor, formMessage } from '../../api/errors';
import { useFormat } from '../../auth/viewer';
import type { CoachingOutcome, CoachingPlanFieldsFragment } from '../../gql/graphql';
import { addDays } from '../../lib/format';
import { OpenCoachingPlanDoc, RecordCoachingOutcomeDoc, UpdateCoachingPlanDoc } from './operations';

const OUTCOMES: CoachingOutcome[] = ['IMPROVED', 'PARTLY_IMPROVED', 'NOT_IMPROVED', 'WITHDRAWN'];

function FormAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}

interface PlanValues {
  goals: string;
  notes: string;
  reviewDate: string;
}

interface PlanFormProps {
  title: string;
  testId: string;
  initial: PlanValues;
  /** Shown above the fields (opening a plan explains what it is for). */
  notice?: string;
  goalsHint?: string;
  submitLabel: string;
  /** A new plan's review date may not be in the past; an edited one keeps its date. */
  refusePastReviewDate: boolean;
  mutation: { fetching: boolean; error?: CombinedError };
  onSubmit: (values: PlanValues) => void;
  onClose: () => void;
}

/** The goals / notes / review date form that opening and editing a plan share. */
function PlanForm({ title, testId, initial, notice, goalsHint, submitLabel, refusePastReviewDate, mutation, onSubmit, onClose }: PlanFormProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [goals, setGoals] = useState(initial.goals);
  const [notes, setNotes] = useState(initial.notes);
  const [reviewDate, setReviewDate] = useState(initial.reviewDate);
  const [local, setLocal] = useState<{ goals?: string; reviewDate?: string }>({});
  const { fetching, error } = mutation;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: typeof local = {};
    if (!goals.trim()) problems.goals = t('coaching.goalsRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reviewDate)) problems.reviewDate = t('coaching.reviewDateRequired');
    else if (refusePastReviewDate && reviewDate < fmt.localToday) problems.reviewDate = t('coaching.reviewDatePast');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    onSubmit({ goals: goals.trim(), notes: notes.trim(), reviewDate });
  };
  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid={testId}>
        <Stack gap="sm">
          {notice && (
            <Text size="sm" c="dimmed">
              {notice}
            </Text>
          )}
          <Textarea
            label={t('coaching.goals')}
            description={goalsHint}
            value={goals}
            onChange={(e) => setGoals(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={4000}
            required
            error={local.goals ?? errorFor(error, 'goals')}
            data-autofocus
          />
          <Textarea
            label={t('coaching.notes')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={4000}
            error={errorFor(error, 'notes')}
          />
          <TextInput
            type="date"
            label={t('coaching.reviewDate')}
            value={reviewDate}
            min={fmt.localToday}
            onChange={(e) => setReviewDate(e.currentTarget.value)}
            required
            error={local.reviewDate ?? errorFor(error, 'reviewDate')}
          />
          <FormAlert message={formMessage(error, ['goals', 'notes', 'reviewDate'])} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={fetching}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface OpenProps {
  subject: { id: string; name: string } | null;
  definitionId: string | null;
  onClose: () => void;
  onDone: (plan: CoachingPlanFieldsFragment) => void;
}

/** Open a coaching plan for a rep on the watch list: goals, notes, review date. */
export function OpenPlanDialog({ subject, definitionId, onClose, onDone }: OpenProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [state, open] = useMutation(OpenCoachingPlanDoc);
  if (!subject) return null;
  return (
    <PlanForm
      key={subject.id}
      title={t('coaching.openTitle', { name: subject.name })}
      testId="open-plan-form"
      initial={{ goals: '', notes: '', reviewDate: addDays(fmt.localToday, 14) }}
      notice={t('coaching.supportNotice')}
      goalsHint={t('coaching.goalsHint')}
      submitLabel={t('coaching.open')}
      refusePastReviewDate
      mutation={state}
      onClose={onClose}
      onSubmit={async (v) => {
        const res = await open({ input: { subjectUserId: subject.id, definitionId, goals: v.goals, notes: v.notes || null, reviewDate: v.reviewDate } });
        if (res.data?.openCoachingPlan) onDone(res.data.openCoachingPlan);
      }}
    />
  );
}

interface PlanProps {
  plan: CoachingPlanFieldsFragment | null;
  onClose: () => void;
  onDone: (plan: CoachingPlanFieldsFragment) => void;
}

/** Change an open plan's goals, notes or review date. */
export function EditPlanDialog({ plan, onClose, onDone }: PlanProps) {
  const { t } = useTranslation();
  const [state, update] = useMutation(UpdateCoachingPlanDoc);
  if (!plan) return null;
  return (
    <PlanForm
      key={plan.id}
      title={t('coaching.editTitle', { name: plan.subject.name })}
      testId="edit-plan-form"
      initial={{ goals: plan.goals, notes: plan.notes ?? '', reviewDate: plan.reviewDate }}
      submitLabel={t('common.save')}
      refusePastReviewDate={false}
      mutation={state}
      onClose={onClose}
      onSubmit={async (v) => {
        const res = await update({ id: plan.id, input: v });
        if (res.data?.updateCoachingPlan) onDone(res.data.updateCoachingPlan);
      }}
    />
  );
}

/** Close a plan with its outcome (support only: it never changes anyone's employment). */
export function OutcomeDialog({ plan, onClose, onDone }: PlanProps) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<CoachingOutcome | ''>('');
  const [notes, setNotes] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const [{ fetching, error }, record] = useMutation(RecordCoachingOutcomeDoc);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!plan) return;
    if (!outcome) {
      setLocal(t('coaching.outcomeRequired'));
      return;
    }
    setLocal(undefined);
    const res = await record({ id: plan.id, input: { outcome, outcomeNotes: notes.trim() || null } });
    if (res.data?.recordCoachingOutcome) {
      setOutcome('');
      setNotes('');
      onDone(res.data.recordCoachingOutcome);
    }
  };
  return (
    <Modal
      opened={plan != null}
      onClose={onClose}
      title={t('coaching.outcomeTitle', { name: plan?.subject.name ?? '' })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate data-testid="outcome-form">
        <Stack gap="sm">
          <NativeSelect
            label={t('coaching.outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.currentTarget.value as CoachingOutcome | '')}
            data={[{ value: '', label: t('coaching.chooseOutcome') }, ...OUTCOMES.map((o) => ({ value: o, label: t(`coaching.outcomes.${o}`) }))]}
            required
            error={local ?? errorFor(error, 'outcome')}
            data-autofocus
          />
          <Textarea
            label={t('coaching.outcomeNotes')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={4000}
            error={errorFor(error, 'outcomeNotes')}
          />
          <FormAlert message={formMessage(error, ['outcome', 'outcomeNotes'])} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={fetching}>
              {t('coaching.recordOutcome')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
