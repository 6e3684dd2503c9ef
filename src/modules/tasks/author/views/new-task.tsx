import { ErrorSummary } from '../../../../platform/views/components.tsx';
import { Page, labelsFor } from './shared.tsx';
import { TaskForm, type TaskFormProps } from './task-form.tsx';

export function NewTaskPage(p: Omit<TaskFormProps, 'action' | 'submitLabel'>): JSX.Element {
  const e = p.errors ?? {};
  return (
    <Page request={p.request} title="Opret opgave">
      <p>
        <a href="/opgaver/kladder" class="function-link">
          Tilbage til kladder
        </a>
      </p>
      <h1>Opret opgave</h1>
      <p class="font-lead">Opgaven gemmes som kladde. Kommunerne ser den først, når den annonceres eller publiceres.</p>
      <ErrorSummary errors={e} labels={labelsFor(e)} />
      <TaskForm {...p} action="/opgaver" submitLabel="Gem kladde" />
    </Page>
  );
}
