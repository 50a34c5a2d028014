import { useSession } from '@sx/react';
import type { Role } from '@sx/sdk';
import { useState } from 'react';
import { ScrollView, View } from 'react-native';
import { Button, Choice, ErrorText, Field, Heading, Muted } from '../components/ui';
import { styles } from '../components/theme';

const ROLE_CHOICES = ['Post tasks', 'Do tasks', 'Both'] as const;
const ROLES: Record<(typeof ROLE_CHOICES)[number], Role[]> = { 'Post tasks': ['POSTER'], 'Do tasks': ['TASKER'], Both: ['POSTER', 'TASKER'] };

/** Sign in, or create an account; either way the SDK keeps the session in the secure store. */
export function AuthScreen() {
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  return (
    <ScrollView style={styles.screen} contentContainerStyle={styles.content} keyboardShouldPersistTaps="handled">
      {mode === 'sign-in' ? <SignInForm /> : <SignUpForm />}
      <Button
        secondary
        title={mode === 'sign-in' ? 'New here? Create an account' : 'Have an account? Sign in'}
        onPress={() => setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in')}
      />
    </ScrollView>
  );
}

function SignInForm() {
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    const result = await signIn({ email: email.trim(), password });
    setBusy(false);
    setError(result.ok ? null : result.error.message);
  }

  return (
    <View style={styles.section}>
      <Heading>Sign in</Heading>
      <Field label="Email" value={email} onChangeText={setEmail} autoCapitalize="none" keyboardType="email-address" autoComplete="email" textContentType="username" />
      <Field label="Password" value={password} onChangeText={setPassword} secureTextEntry autoComplete="password" textContentType="password" onSubmitEditing={() => void submit()} />
      <Button title="Sign in" onPress={() => void submit()} busy={busy} disabled={!email || !password} />
      <ErrorText message={error} />
    </View>
  );
}

function SignUpForm() {
  const { signUp } = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<(typeof ROLE_CHOICES)[number]>('Both');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    const result = await signUp({ name: name.trim(), email: email.trim(), password, roles: ROLES[roles] });
    setBusy(false);
    setError(result.ok ? null : result.error.message);
  }

  return (
    <View style={styles.section}>
      <Heading>Create an account</Heading>
      <Field label="Name" value={name} onChangeText={setName} autoComplete="name" textContentType="name" />
      <Field label="Email" value={email} onChangeText={setEmail} autoCapitalize="none" keyboardType="email-address" autoComplete="email" textContentType="emailAddress" />
      <Field label="Password" value={password} onChangeText={setPassword} secureTextEntry autoComplete="new-password" textContentType="newPassword" />
      <Muted>At least 10 characters.</Muted>
      <Choice label="I want to" options={ROLE_CHOICES} value={roles} onChange={setRoles} />
      <Button title="Sign up" onPress={() => void submit()} busy={busy} disabled={!name || !email || !password} />
      <ErrorText message={error} />
    </View>
  );
}
