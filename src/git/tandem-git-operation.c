/* tandem-git-operation.c
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tandem-git-operation"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tandem-git-operation-private.h"

/* Progress is collected on the worker thread under a mutex and copied to the
 * properties by one idle callback at a time, at most every UPDATE_INTERVAL_US. A
 * question blocks the worker on a condition that the main thread's answer, the
 * prompt's last reference going away or the operation's cancellable wakes up. */

#define UPDATE_INTERVAL_US (G_USEC_PER_SEC / 10)
#define MAX_REMOTE_MESSAGES 8192

typedef struct
{
  GMutex                 mutex;
  GCond                  cond;
  gboolean               done;
  TandemGitPromptAnswer  answer;
} PromptShared;

struct _TandemGitPrompt
{
  GObject              parent_instance;

  PromptShared        *shared;
  char                *url;
  char                *host;
  char                *username;
  char                *key_path;
  char                *fingerprint;
  char                *detail;

  TandemGitPromptKind  kind;
  guint                retry : 1;
};

G_DEFINE_FINAL_TYPE (TandemGitPrompt, tandem_git_prompt, G_TYPE_OBJECT)

typedef struct
{
  TandemGitPhase phase;
  guint          current;
  guint          total;
  guint64        bytes;
  guint64        bytes_per_second;
  char          *remote_text;
} Progress;

struct _TandemGitOperation
{
  GObject       parent_instance;

  GCancellable *cancellable;
  GMainContext *context;
  char         *text;
  char         *remote_text;
  GString      *remote_messages;   /* worker side, under mutex */
  GString      *remote_partial;    /* worker side, under mutex */

  GMutex        mutex;
  Progress      pending;           /* under mutex */
  gint64        start_time;        /* under mutex */
  gint64        last_update;       /* under mutex */

  double        fraction;
  guint         received_objects;
  guint         total_objects;
  guint64       received_bytes;
  guint64       bytes_per_second;

  guint         have_progress : 1;   /* under mutex */
  guint         update_queued : 1;   /* under mutex */
};

G_DEFINE_FINAL_TYPE (TandemGitOperation, tandem_git_operation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_TEXT,
  PROP_RECEIVED_OBJECTS,
  PROP_TOTAL_OBJECTS,
  PROP_RECEIVED_BYTES,
  PROP_BYTES_PER_SECOND,
  PROP_REMOTE_TEXT,
  N_PROPS
};

enum {
  PROMPT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
wipe_string (char **str)
{
  g_assert (str != NULL);

  if (*str != NULL)
    {
      memset (*str, 0, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

/* g_set_str() is GLib 2.76. */
static gboolean
replace_string (char       **str,
                const char  *value)
{
  g_assert (str != NULL);

  if (g_strcmp0 (*str, value) == 0)
    return FALSE;

  g_free (*str);
  *str = g_strdup (value);
  return TRUE;
}

void
_tandem_git_prompt_answer_clear (TandemGitPromptAnswer *answer)
{
  g_return_if_fail (answer != NULL);

  g_clear_pointer (&answer->username, g_free);
  wipe_string (&answer->secret);
  memset (answer, 0, sizeof *answer);
}

static void
prompt_shared_clear (gpointer data)
{
  PromptShared *shared = data;

  g_mutex_clear (&shared->mutex);
  g_cond_clear (&shared->cond);
  _tandem_git_prompt_answer_clear (&shared->answer);
}

static void
prompt_shared_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, prompt_shared_clear);
}

/* Stores the answer once; later calls are ignored. Takes @username and @secret. */
static void
prompt_shared_answer (PromptShared         *shared,
                      gboolean              answered,
                      TandemGitPromptTrust  trust,
                      char                 *username,
                      char                 *secret,
                      gboolean              remember)
{
  g_assert (shared != NULL);

  g_mutex_lock (&shared->mutex);
  if (!shared->done)
    {
      shared->done = TRUE;
      shared->answer.answered = answered;
      shared->answer.trust = trust;
      shared->answer.username = g_steal_pointer (&username);
      shared->answer.secret = g_steal_pointer (&secret);
      shared->answer.remember = remember;
      g_cond_broadcast (&shared->cond);
    }
  g_mutex_unlock (&shared->mutex);

  g_free (username);
  wipe_string (&secret);
}

static void
tandem_git_prompt_finalize (GObject *object)
{
  TandemGitPrompt *self = (TandemGitPrompt *)object;

  /* Nobody answered and nobody can any more: the worker must not wait forever. */
  prompt_shared_answer (self->shared, FALSE, TANDEM_GIT_PROMPT_REJECT, NULL, NULL, FALSE);
  g_clear_pointer (&self->shared, prompt_shared_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->key_path, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (tandem_git_prompt_parent_class)->finalize (object);
}

static void
tandem_git_prompt_class_init (TandemGitPromptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_git_prompt_finalize;
}

static void
tandem_git_prompt_init (TandemGitPrompt *self)
{
}

TandemGitPromptKind
tandem_git_prompt_get_kind (TandemGitPrompt *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_PROMPT (self), TANDEM_GIT_PROMPT_USERPASS);

  return self->kind;
}

const char *
tandem_git_prompt_get_url (TandemGitPrompt *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_PROMPT (self), NULL);

  return self->url;
}

const char *
tandem_git_prompt_get_host (TandemGitPrompt *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_PROMPT (self), NULL);

  return self->host;
}

const char *
tandem_git_prompt_get_username (TandemGitPrompt *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_PROMPT (self), NULL);

  return self->username;
}

const char *
tandem_git_prompt_get_key_path (TandemGitPrompt *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_PROMPT (self), NULL);

  return self->key_path;
}

const char *
tandem_git_prompt_get_fingerprint (TandemGitPrompt *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_PROMPT (self), NULL);

  return self->fingerprint;
}

const char *
tandem_git_prompt_get_detail (TandemGitPrompt *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_PROMPT (self), NULL);

  return self->detail;
}

gboolean
tandem_git_prompt_get_retry (TandemGitPrompt *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_PROMPT (self), FALSE);

  return self->retry;
}

void
tandem_git_prompt_reply_username (TandemGitPrompt *self,
                                  const char      *username)
{
  g_return_if_fail (TANDEM_IS_GIT_PROMPT (self));
  g_return_if_fail (username != NULL);

  prompt_shared_answer (self->shared, TRUE, TANDEM_GIT_PROMPT_ACCEPT_ONCE,
                        g_strdup (username), NULL, FALSE);
}

void
tandem_git_prompt_reply_userpass (TandemGitPrompt *self,
                                  const char      *username,
                                  const char      *password,
                                  gboolean         remember)
{
  g_return_if_fail (TANDEM_IS_GIT_PROMPT (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  prompt_shared_answer (self->shared, TRUE, TANDEM_GIT_PROMPT_ACCEPT_ONCE,
                        g_strdup (username), g_strdup (password), remember);
}

void
tandem_git_prompt_reply_passphrase (TandemGitPrompt *self,
                                    const char      *passphrase)
{
  g_return_if_fail (TANDEM_IS_GIT_PROMPT (self));
  g_return_if_fail (passphrase != NULL);

  prompt_shared_answer (self->shared, TRUE, TANDEM_GIT_PROMPT_ACCEPT_ONCE,
                        NULL, g_strdup (passphrase), FALSE);
}

void
tandem_git_prompt_reply_trust (TandemGitPrompt      *self,
                               TandemGitPromptTrust  trust)
{
  g_return_if_fail (TANDEM_IS_GIT_PROMPT (self));

  /* Rejecting is an answer, but not one that lets the operation go on. */
  prompt_shared_answer (self->shared, trust != TANDEM_GIT_PROMPT_REJECT, trust,
                        NULL, NULL, FALSE);
}

void
tandem_git_prompt_cancel (TandemGitPrompt *self)
{
  g_return_if_fail (TANDEM_IS_GIT_PROMPT (self));

  prompt_shared_answer (self->shared, FALSE, TANDEM_GIT_PROMPT_REJECT, NULL, NULL, FALSE);
}

static void
tandem_git_operation_finalize (GObject *object)
{
  TandemGitOperation *self = (TandemGitOperation *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->remote_text, g_free);
  g_clear_pointer (&self->pending.remote_text, g_free);
  g_string_free (self->remote_messages, TRUE);
  g_string_free (self->remote_partial, TRUE);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (tandem_git_operation_parent_class)->finalize (object);
}

static void
tandem_git_operation_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TandemGitOperation *self = TANDEM_GIT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_RECEIVED_OBJECTS:
      g_value_set_uint (value, self->received_objects);
      break;
    case PROP_TOTAL_OBJECTS:
      g_value_set_uint (value, self->total_objects);
      break;
    case PROP_RECEIVED_BYTES:
      g_value_set_uint64 (value, self->received_bytes);
      break;
    case PROP_BYTES_PER_SECOND:
      g_value_set_uint64 (value, self->bytes_per_second);
      break;
    case PROP_REMOTE_TEXT:
      g_value_set_string (value, self->remote_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_git_operation_class_init (TandemGitOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_git_operation_finalize;
  object_class->get_property = tandem_git_operation_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVED_OBJECTS] =
    g_param_spec_uint ("received-objects", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL_OBJECTS] =
    g_param_spec_uint ("total-objects", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVED_BYTES] =
    g_param_spec_uint64 ("received-bytes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BYTES_PER_SECOND] =
    g_param_spec_uint64 ("bytes-per-second", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_TEXT] =
    g_param_spec_string ("remote-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemGitOperation::prompt:
   * @prompt: the question
   *
   * The worker needs an answer. Keep a reference to @prompt and answer it on the main
   * thread; when the last reference goes away unanswered, the prompt counts as cancelled.
   */
  signals[PROMPT] =
    g_signal_new ("prompt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_GIT_PROMPT);
}

static void
tandem_git_operation_init (TandemGitOperation *self)
{
  g_mutex_init (&self->mutex);
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
  self->fraction = -1;
  self->remote_messages = g_string_new (NULL);
  self->remote_partial = g_string_new (NULL);
}

TandemGitOperation *
tandem_git_operation_new (void)
{
  return g_object_new (TANDEM_TYPE_GIT_OPERATION, NULL);
}

void
tandem_git_operation_cancel (TandemGitOperation *self)
{
  g_return_if_fail (TANDEM_IS_GIT_OPERATION (self));

  g_cancellable_cancel (self->cancellable);
}

GCancellable *
tandem_git_operation_get_cancellable (TandemGitOperation *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), NULL);

  return self->cancellable;
}

double
tandem_git_operation_get_fraction (TandemGitOperation *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), -1);

  return self->fraction;
}

const char *
tandem_git_operation_get_text (TandemGitOperation *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), NULL);

  return self->text;
}

guint
tandem_git_operation_get_received_objects (TandemGitOperation *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), 0);

  return self->received_objects;
}

guint
tandem_git_operation_get_total_objects (TandemGitOperation *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), 0);

  return self->total_objects;
}

guint64
tandem_git_operation_get_received_bytes (TandemGitOperation *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), 0);

  return self->received_bytes;
}

guint64
tandem_git_operation_get_bytes_per_second (TandemGitOperation *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), 0);

  return self->bytes_per_second;
}

const char *
tandem_git_operation_get_remote_text (TandemGitOperation *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), NULL);

  return self->remote_text;
}

void
_tandem_git_operation_reset (TandemGitOperation *self)
{
  g_return_if_fail (TANDEM_IS_GIT_OPERATION (self));

  g_mutex_lock (&self->mutex);
  self->start_time = g_get_monotonic_time ();
  self->last_update = 0;
  self->have_progress = FALSE;
  g_string_truncate (self->remote_messages, 0);
  g_string_truncate (self->remote_partial, 0);
  g_mutex_unlock (&self->mutex);
}

static char *
format_progress_text (const Progress *progress)
{
  int percent;

  g_assert (progress != NULL);

  percent = progress->total > 0 ? (int)((guint64)progress->current * 100 / progress->total) : 0;

  if (progress->phase == TANDEM_GIT_PHASE_RESOLVING)
    /* Translators: progress of a fetch; e.g. "Resolving deltas: 45 % (450/1000)" */
    return g_strdup_printf (_("Resolving deltas: %d %% (%u/%u)"),
                            percent, progress->current, progress->total);
  else
    {
      g_autofree char *size = g_format_size (progress->bytes);
      g_autofree char *speed = g_format_size (progress->bytes_per_second);

      if (progress->phase == TANDEM_GIT_PHASE_WRITING)
        /* Translators: progress of a push; e.g. "Writing objects: 45 % (450/1000), 1.2 MB at 300 kB/s" */
        return g_strdup_printf (_("Writing objects: %d %% (%u/%u), %s at %s/s"),
                                percent, progress->current, progress->total, size, speed);
      else
        /* Translators: progress of a fetch; e.g. "Receiving objects: 45 % (450/1000), 1.2 MB at 300 kB/s" */
        return g_strdup_printf (_("Receiving objects: %d %% (%u/%u), %s at %s/s"),
                                percent, progress->current, progress->total, size, speed);
    }
}

#define SET_AND_NOTIFY(field, value, prop)                                \
  G_STMT_START {                                                          \
    if (self->field != (value))                                           \
      {                                                                   \
        self->field = (value);                                            \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);    \
      }                                                                   \
  } G_STMT_END

static gboolean
tandem_git_operation_update_cb (gpointer data)
{
  TandemGitOperation *self = data;
  g_autofree char *remote_text = NULL;
  g_autofree char *text = NULL;
  gboolean have_progress;
  Progress progress;
  double fraction;

  g_assert (TANDEM_IS_GIT_OPERATION (self));

  g_mutex_lock (&self->mutex);
  progress = self->pending;
  remote_text = g_steal_pointer (&self->pending.remote_text);
  have_progress = self->have_progress;
  self->update_queued = FALSE;
  self->last_update = g_get_monotonic_time ();
  g_mutex_unlock (&self->mutex);

  g_object_freeze_notify (G_OBJECT (self));

  if (have_progress)
    {
      fraction = progress.total > 0 ? (double)progress.current / progress.total : -1;
      text = format_progress_text (&progress);

      SET_AND_NOTIFY (fraction, fraction, PROP_FRACTION);
      if (progress.phase != TANDEM_GIT_PHASE_RESOLVING)
        {
          SET_AND_NOTIFY (received_objects, progress.current, PROP_RECEIVED_OBJECTS);
          SET_AND_NOTIFY (total_objects, progress.total, PROP_TOTAL_OBJECTS);
        }
      SET_AND_NOTIFY (received_bytes, progress.bytes, PROP_RECEIVED_BYTES);
      SET_AND_NOTIFY (bytes_per_second, progress.bytes_per_second, PROP_BYTES_PER_SECOND);
      if (replace_string (&self->text, text))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }

  if (remote_text != NULL && replace_string (&self->remote_text, remote_text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_TEXT]);

  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

#undef SET_AND_NOTIFY

/* Always through the loop: g_main_context_invoke() would run @func right here on the
 * worker whenever the main context happens to be free. */
static void
run_on_main_context (GMainContext   *context,
                     GSourceFunc     func,
                     gpointer        data,
                     GDestroyNotify  notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[tandem-git-operation]");
  g_source_attach (source, context);
  g_source_unref (source);
}

/* Called with the mutex held. */
static void
queue_update_locked (TandemGitOperation *self,
                     gboolean            force)
{
  g_assert (TANDEM_IS_GIT_OPERATION (self));

  if (self->update_queued)
    return;
  if (!force && g_get_monotonic_time () - self->last_update < UPDATE_INTERVAL_US)
    return;

  self->update_queued = TRUE;
  run_on_main_context (self->context, tandem_git_operation_update_cb,
                       g_object_ref (self), g_object_unref);
}

gboolean
_tandem_git_operation_report (TandemGitOperation *self,
                              TandemGitPhase      phase,
                              guint               current,
                              guint               total,
                              guint64             bytes)
{
  gint64 elapsed;

  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), FALSE);

  g_mutex_lock (&self->mutex);
  elapsed = g_get_monotonic_time () - self->start_time;
  self->pending.phase = phase;
  self->pending.current = current;
  self->pending.total = total;
  self->pending.bytes = bytes;
  /* The average since the start: steady enough to read, right at the end. */
  if (elapsed > 0)
    self->pending.bytes_per_second = bytes * G_USEC_PER_SEC / (guint64)elapsed;
  self->have_progress = TRUE;
  queue_update_locked (self, FALSE);
  g_mutex_unlock (&self->mutex);

  return !g_cancellable_is_cancelled (self->cancellable);
}

/* Server progress meters ("Counting objects:  45% (9/20)") are not messages. */
static gboolean
is_progress_line (const char *line)
{
  g_assert (line != NULL);

  return strstr (line, "% (") != NULL || g_str_has_prefix (line, "Total ") ||
         strstr (line, ", done.") != NULL;
}

gboolean
_tandem_git_operation_report_remote (TandemGitOperation *self,
                                     const char         *text,
                                     gsize               length)
{
  g_autofree char *last_line = NULL;

  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  g_mutex_lock (&self->mutex);
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] != '\r' && text[i] != '\n')
        {
          g_string_append_c (self->remote_partial, text[i]);
          continue;
        }

      g_strstrip (self->remote_partial->str);
      self->remote_partial->len = strlen (self->remote_partial->str);
      if (self->remote_partial->len == 0)
        continue;

      if (g_utf8_validate (self->remote_partial->str, -1, NULL))
        {
          g_free (last_line);
          last_line = g_strdup (self->remote_partial->str);
          if (text[i] == '\n' && !is_progress_line (last_line) &&
              self->remote_messages->len < MAX_REMOTE_MESSAGES)
            {
              if (self->remote_messages->len > 0)
                g_string_append_c (self->remote_messages, '\n');
              g_string_append (self->remote_messages, last_line);
            }
        }
      g_string_truncate (self->remote_partial, 0);
    }

  if (last_line != NULL)
    {
      g_free (self->pending.remote_text);
      self->pending.remote_text = g_steal_pointer (&last_line);
      queue_update_locked (self, FALSE);
    }
  g_mutex_unlock (&self->mutex);

  return !g_cancellable_is_cancelled (self->cancellable);
}

char *
_tandem_git_operation_dup_remote_messages (TandemGitOperation *self)
{
  char *ret;

  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), NULL);

  g_mutex_lock (&self->mutex);
  ret = g_strdup (self->remote_messages->str);
  g_mutex_unlock (&self->mutex);

  return ret;
}

void
_tandem_git_operation_flush (TandemGitOperation *self)
{
  g_return_if_fail (TANDEM_IS_GIT_OPERATION (self));

  g_mutex_lock (&self->mutex);
  queue_update_locked (self, TRUE);
  g_mutex_unlock (&self->mutex);
}

typedef struct
{
  TandemGitOperation *operation;
  TandemGitPrompt    *prompt;
} EmitPrompt;

static gboolean
tandem_git_operation_emit_prompt_cb (gpointer data)
{
  EmitPrompt *emit = data;

  g_assert (TANDEM_IS_GIT_OPERATION (emit->operation));
  g_assert (TANDEM_IS_GIT_PROMPT (emit->prompt));

  /* The progress shown so far belongs before the question. */
  tandem_git_operation_update_cb (emit->operation);

  g_signal_emit (emit->operation, signals[PROMPT], 0, emit->prompt);

  return G_SOURCE_REMOVE;
}

static void
emit_prompt_free (gpointer data)
{
  EmitPrompt *emit = data;

  /* Dropping the last reference of an unanswered prompt cancels it (finalize). */
  g_clear_object (&emit->prompt);
  g_clear_object (&emit->operation);
  g_free (emit);
}

static void
prompt_cancelled_cb (GCancellable *cancellable,
                     gpointer      data)
{
  PromptShared *shared = data;

  g_assert (shared != NULL);

  g_mutex_lock (&shared->mutex);
  g_cond_broadcast (&shared->cond);
  g_mutex_unlock (&shared->mutex);
}

gboolean
_tandem_git_operation_ask (TandemGitOperation           *self,
                           const TandemGitPromptRequest *request,
                           TandemGitPromptAnswer        *answer)
{
  PromptShared *shared;
  TandemGitPrompt *prompt;
  EmitPrompt *emit;
  gulong handler_id;

  g_return_val_if_fail (TANDEM_IS_GIT_OPERATION (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);

  memset (answer, 0, sizeof *answer);
  if (g_cancellable_is_cancelled (self->cancellable))
    return FALSE;

  shared = g_atomic_rc_box_new0 (PromptShared);
  g_mutex_init (&shared->mutex);
  g_cond_init (&shared->cond);

  prompt = g_object_new (TANDEM_TYPE_GIT_PROMPT, NULL);
  prompt->shared = g_atomic_rc_box_acquire (shared);
  prompt->kind = request->kind;
  prompt->url = g_strdup (request->url);
  prompt->host = g_strdup (request->host);
  prompt->username = g_strdup (request->username);
  prompt->key_path = g_strdup (request->key_path);
  prompt->fingerprint = g_strdup (request->fingerprint);
  prompt->detail = g_strdup (request->detail);
  prompt->retry = !!request->retry;

  /* From here on the prompt belongs to the main thread. */
  emit = g_new0 (EmitPrompt, 1);
  emit->operation = g_object_ref (self);
  emit->prompt = prompt;
  run_on_main_context (self->context, tandem_git_operation_emit_prompt_cb, emit,
                       emit_prompt_free);

  handler_id = g_cancellable_connect (self->cancellable, G_CALLBACK (prompt_cancelled_cb),
                                      g_atomic_rc_box_acquire (shared), prompt_shared_unref);

  g_mutex_lock (&shared->mutex);
  while (!shared->done && !g_cancellable_is_cancelled (self->cancellable))
    g_cond_wait (&shared->cond, &shared->mutex);
  if (shared->done && !g_cancellable_is_cancelled (self->cancellable))
    {
      *answer = shared->answer;
      memset (&shared->answer, 0, sizeof shared->answer);
    }
  g_mutex_unlock (&shared->mutex);

  g_cancellable_disconnect (self->cancellable, handler_id);
  prompt_shared_unref (shared);

  return answer->answered;
}
