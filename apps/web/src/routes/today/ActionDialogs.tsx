import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorFor, formMessage } from '../../api/errors';
import type { AgendaItemFieldsFragment } from '../../gql/graphql';
import type { ListItem } from './sheet';
import { CompleteStepDoc, SkipStepDoc } from './operations';

interface DialogProps {
  item: ListItem;
  opened: boolean;
  onClose: () => void;
  onDone: (item: AgendaItemFieldsFragment) => void;
}

/** Complete with an optional note. Enter in the note field submits; Esc closes. */
export function CompleteDialog({ item, opened, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [{ fetching, error }, complete] = useMutation(CompleteStepDoc);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await complete({ id: item.id, note: note.trim() || null });
    if (res.data?.completeStep) {
      setNote('');
      onDone(res.data.completeStep);
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('today.completeTitle', { title: item.step.title })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} data-testid="complete-form">
        <Stack gap="sm">
          <Textarea
            label={t('today.noteLabel')}
            description={t('today.noteHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            autosize
            minRows={2}
            maxLength={2000}
            error={errorFor(error, 'note')}
            data-autofocus
          />
          {formMessage(error, ['note']) && (
            <Alert color="red" role="alert">
              {formMessage(error, ['note'])}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="subtle" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="green" loading={fetching} data-testid="confirm-complete">
              {t('today.complete')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Skip with a reason (required). */
export function SkipDialog({ item, opened, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const [{ fetching, error }, skip] = useMutation(SkipStepDoc);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setLocal(t('today.reasonRequired'));
      return;
    }
    setLocal(undefined);
    const res = await skip({ id: item.id, reason: reason.trim() });
    if (res.data?.skipStep) {
      setReason('');
      onDone(res.data.skipStep);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('today.skipTitle', { title: item.step.title })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="skip-form">
        <Stack gap="sm">
          <Textarea
            label={t('today.reasonLabel')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            autosize
            minRows={2}
            maxLength={2000}
            error={local ?? errorFor(error, 'reason')}
            data-autofocus
          />
          {formMessage(error, ['reason']) && (
            <Alert color="red" role="alert">
              {formMessage(error, ['reason'])}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="subtle" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="gray" loading={fetching} data-testid="confirm-skip">
              {t('today.skip')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
