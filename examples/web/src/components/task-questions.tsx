import { useTaskQuestions, type Question } from '@sx/react';
import type { FormEvent } from 'react';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/** Public questions and the poster's answers: anyone signed in but the poster asks while the task is open. */
export function TaskQuestions({ taskId, canAsk, isPoster }: { taskId: string; canAsk: boolean; isPoster: boolean }) {
  const { questions, error, ask, answer, sending, sendError } = useTaskQuestions(taskId);

  async function onAsk(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    if (await ask(String(new FormData(form).get('question') ?? ''))) form.reset();
  }

  return (
    <section aria-labelledby="questions-heading">
      <h3 id="questions-heading">Questions</h3>
      {questions.length === 0 ? (
        <p>No questions yet.</p>
      ) : (
        <ul className="questions">
          {questions.map((q) => (
            <QuestionItem key={q.id} question={q} canAnswer={isPoster && q.answer === null} onAnswer={answer} sending={sending} />
          ))}
        </ul>
      )}
      <ErrorMessage message={error?.message ?? null} />
      {canAsk ? (
        <form aria-labelledby="ask-heading" onSubmit={(e) => void onAsk(e)}>
          <h4 id="ask-heading">Ask the poster</h4>
          <Field label="Your question (everyone can read it)">{(id) => <textarea id={id} name="question" rows={2} maxLength={1000} required />}</Field>
          <button type="submit" disabled={sending}>
            Ask
          </button>
        </form>
      ) : null}
      <ErrorMessage message={sendError?.message ?? null} />
    </section>
  );
}

function QuestionItem(props: { question: Question; canAnswer: boolean; onAnswer: (id: string, text: string) => Promise<boolean>; sending: boolean }) {
  const { question, canAnswer, onAnswer, sending } = props;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void onAnswer(question.id, String(new FormData(event.currentTarget).get('answer') ?? ''));
  }

  return (
    <li data-testid="question">
      <p>
        <strong>{question.asker?.name ?? 'A former user'}</strong> asked: {question.text}
      </p>
      {question.answer !== null ? <p>Answer: {question.answer}</p> : null}
      {canAnswer ? (
        <form onSubmit={onSubmit}>
          <Field label="Your answer (public)">{(id) => <textarea id={id} name="answer" rows={2} maxLength={2000} required />}</Field>
          <button type="submit" disabled={sending}>
            Answer
          </button>
        </form>
      ) : null}
    </li>
  );
}
