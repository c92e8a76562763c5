import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
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
  const [goals, setGoals] = useState('');
  const [notes, setNotes] = useState('');
  const [reviewDate, setReviewDate] = useState(() => addDays(fmt.localToday, 14));
  const [local, setLocal] = useState<{ goals?: string; reviewDate?: string }>({});
  const [{ fetching, error }, open] = useMutation(OpenCoachingPlanDoc);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!subject) return;
    const problems: typeof local = {};
    if (!goals.trim()) problems.goals = t('coaching.goalsRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reviewDate)) problems.reviewDate = t('coaching.reviewDateRequired');
    else if (reviewDate < fmt.localToday) problems.reviewDate = t('coaching.reviewDatePast');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const res = await open({ input: { subjectUserId: subject.id, definitionId, goals: goals.trim(), notes: notes.trim() || null, reviewDate } });
    if (res.data?.openCoachingPlan) {
      setGoals('');
      setNotes('');
      onDone(res.data.openCoachingPlan);
    }
  };
  return (
    <Modal
      opened={subject != null}
      onClose={onClose}
      title={t('coaching.openTitle', { name: subject?.name ?? '' })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate data-testid="open-plan-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('coaching.supportNotice')}
          </Text>
          <Textarea
            label={t('coaching.goals')}
            description={t('coaching.goalsHint')}
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
              {t('coaching.open')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface PlanProps {
  plan: CoachingPlanFieldsFragment | null;
  onClose: () => void;
  onDone: (plan: CoachingPlanFieldsFragment) => void;
}

/** Change an open plan's goals, notes or review date. */
export function EditPlanDialog({ plan, onClose, onDone }: PlanProps) {
  return plan ? <EditPlanForm key={plan.id} plan={plan} onClose={onClose} onDone={onDone} /> : null;
}

function EditPlanForm({ plan, onClose, onDone }: { plan: CoachingPlanFieldsFragment; onClose: () => void; onDone: (p: CoachingPlanFieldsFragment) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [goals, setGoals] = useState(plan.goals);
  const [notes, setNotes] = useState(plan.notes ?? '');
  const [reviewDate, setReviewDate] = useState(plan.reviewDate);
  const [local, setLocal] = useState<{ goals?: string; reviewDate?: string }>({});
  const [{ fetching, error }, update] = useMutation(UpdateCoachingPlanDoc);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: typeof local = {};
    if (!goals.trim()) problems.goals = t('coaching.goalsRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reviewDate)) problems.reviewDate = t('coaching.reviewDateRequired');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const res = await update({ id: plan.id, input: { goals: goals.trim(), notes: notes.trim(), reviewDate } });
    if (res.data?.updateCoachingPlan) onDone(res.data.updateCoachingPlan);
  };
  return (
    <Modal opened onClose={onClose} title={t('coaching.editTitle', { name: plan.subject.name })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="edit-plan-form">
        <Stack gap="sm">
          <Textarea
            label={t('coaching.goals')}
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
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
