/* tandem-git-remote.c
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

#define G_LOG_DOMAIN "tandem-git-remote"

#include "config.h"

#include <string.h>

#include <git2.h>
#include <glib/gi18n.h>

#include "tandem-git-credentials.h"
#include "tandem-git-error.h"
#include "tandem-git-operation-private.h"
#include "tandem-git-remote.h"
#include "tandem-git-types-private.h"
#include "tandem-utils.h"

/* Clone, fetch, pull and push. Each runs in a GTask thread with its own
 * git_repository; libgit2's callbacks report progress to the TandemGitOperation and
 * ask their questions through it. The credential callback keeps what it tried in
 * RemoteTask so that libgit2's retry loop always ends: every method once, at most
 * MAX_CREDENTIAL_CALLS calls, then AUTH_FAILED naming what was tried. */

#define MAX_CREDENTIAL_CALLS 12
#define MAX_USERPASS_PROMPTS 2
#define MAX_PASSPHRASE_PROMPTS 2

typedef enum
{
  REMOTE_CLONE,
  REMOTE_FETCH,
  REMOTE_PULL,
  REMOTE_PUSH,
} RemoteKind;

typedef enum
{
  CRED_NONE,
  CRED_USERNAME,
  CRED_AGENT,
  CRED_KEY_FILE,
  CRED_KEYRING,
  CRED_TYPED,
} CredKind;

typedef struct
{
  char  *scheme;     /* "ssh" for scp-like URLs */
  char  *user;
  char  *host;
  guint  port;       /* 0 when the URL names none */
} UrlParts;

typedef struct
{
  RemoteKind           kind;
  TandemGitOperation  *operation;
  TandemGitRepository *repository;     /* main thread only: for the refresh */
  GMainContext        *context;
  char                *workdir;
  char                *url;            /* clone: the URL; else the remote's, once known */
  char                *destination;    /* clone */
  UrlParts             parts;
  GError              *failure;        /* set by a callback that gave up */
  GPtrArray           *tried;          /* descriptions of credentials tried */
  char                *rejected_ref;
  char                *rejected_status;

  /* Credential state */
  guint                n_calls;
  guint                n_userpass_prompts;
  guint                n_passphrase_prompts;
  guint                next_key;
  CredKind             last;
  char                *username;
  char                *key_path;       /* of the last key file offered */
  char                *http_host;      /* keyring "host" attribute */
  char                *pending_user;
  char                *pending_secret;

  guint                agent_tried : 1;
  guint                keyring_tried : 1;
  guint                key_encrypted : 1;
  guint                pending_remember : 1;
  guint                saw_rsa : 1;
  guint                exhausted : 1;
  guint                reached_server : 1;
  guint                destination_existed : 1;
} RemoteTask;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (git_buf, git_buf_dispose)

static const char * const default_keys[] = { "id_ed25519", "id_ecdsa" };

static GMutex accepted_certificates_mutex;
static GHashTable *accepted_certificates; /* "host:port" → fingerprint */

static void
wipe_free (char *str)
{
  if (str != NULL)
    {
      memset (str, 0, strlen (str));
      g_free (str);
    }
}

static void
url_parts_clear (UrlParts *parts)
{
  g_clear_pointer (&parts->scheme, g_free);
  g_clear_pointer (&parts->user, g_free);
  g_clear_pointer (&parts->host, g_free);
  parts->port = 0;
}

/* Understands "scheme://[user@]host[:port]/path" and scp-like "[user@]host:path". */
static void
url_parts_parse (UrlParts   *parts,
                 const char *url)
{
  g_autofree char *userinfo = NULL;
  g_autofree char *host = NULL;
  int port = -1;

  g_assert (parts != NULL);
  g_assert (url != NULL);

  url_parts_clear (parts);

  if (strstr (url, "://") != NULL)
    {
      if (g_uri_split (url, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, &parts->scheme, &userinfo,
                       &host, &port, NULL, NULL, NULL, NULL))
        {
          if (userinfo != NULL)
            {
              char *colon = strchr (userinfo, ':');

              if (colon != NULL)
                *colon = '\0';
              parts->user = g_uri_unescape_string (userinfo, NULL);
            }
          parts->host = g_steal_pointer (&host);
          parts->port = port > 0 ? (guint)port : 0;
        }
      return;
    }

  if (strchr (url, ':') != NULL && !g_path_is_absolute (url))
    {
      const char *at = strchr (url, '@');
      const char *colon = strchr (url, ':');

      parts->scheme = g_strdup ("ssh");
      if (at != NULL && at < colon)
        {
          parts->user = g_strndup (url, at - url);
          parts->host = g_strndup (at + 1, colon - at - 1);
        }
      else
        parts->host = g_strndup (url, colon - url);
      return;
    }

  parts->scheme = g_strdup ("file");
}

static gboolean
url_parts_is_ssh (const UrlParts *parts)
{
  return g_strcmp0 (parts->scheme, "ssh") == 0 || g_strcmp0 (parts->scheme, "ssh+git") == 0 ||
         g_strcmp0 (parts->scheme, "git+ssh") == 0;
}

static guint
url_parts_get_port (const UrlParts *parts)
{
  if (parts->port != 0)
    return parts->port;
  if (url_parts_is_ssh (parts))
    return 22;
  if (g_strcmp0 (parts->scheme, "https") == 0)
    return 443;
  return 80;
}

/* "host" or "host:port" as the user typed it; the keyring's "host" attribute. */
static char *
url_parts_dup_host (const UrlParts *parts)
{
  if (parts->port != 0)
    return g_strdup_printf ("%s:%u", parts->host, parts->port);
  return g_strdup (parts->host);
}

static void
remote_task_free (RemoteTask *task)
{
  g_clear_object (&task->operation);
  g_clear_object (&task->repository);
  g_clear_pointer (&task->context, g_main_context_unref);
  g_clear_pointer (&task->workdir, g_free);
  g_clear_pointer (&task->url, g_free);
  g_clear_pointer (&task->destination, g_free);
  url_parts_clear (&task->parts);
  g_clear_error (&task->failure);
  g_clear_pointer (&task->tried, g_ptr_array_unref);
  g_clear_pointer (&task->rejected_ref, g_free);
  g_clear_pointer (&task->rejected_status, g_free);
  g_clear_pointer (&task->username, g_free);
  g_clear_pointer (&task->key_path, g_free);
  g_clear_pointer (&task->http_host, g_free);
  g_clear_pointer (&task->pending_user, g_free);
  g_clear_pointer (&task->pending_secret, wipe_free);
  g_free (task);
}

static RemoteTask *
remote_task_new (RemoteKind          kind,
                 TandemGitOperation *operation)
{
  RemoteTask *task = g_new0 (RemoteTask, 1);

  task->kind = kind;
  task->operation = g_object_ref (operation);
  task->context = g_main_context_ref_thread_default ();
  task->tried = g_ptr_array_new_with_free_func (g_free);

  return task;
}

static void
remote_task_set_url (RemoteTask *task,
                     const char *url)
{
  g_assert (task != NULL);

  g_free (task->url);
  task->url = g_strdup (url);
  url_parts_parse (&task->parts, url != NULL ? url : "");
}

static gboolean
remote_task_cancelled (RemoteTask *task)
{
  return g_cancellable_is_cancelled (tandem_git_operation_get_cancellable (task->operation));
}

static void
remote_task_fail (RemoteTask *task,
                  int         code,
                  const char *format,
                  ...) G_GNUC_PRINTF (3, 4);

static void
remote_task_fail (RemoteTask *task,
                  int         code,
                  const char *format,
                  ...)
{
  va_list args;

  g_assert (task != NULL);

  if (task->failure != NULL)
    return;

  va_start (args, format);
  task->failure = g_error_new_valist (TANDEM_GIT_ERROR, code, format, args);
  va_end (args);
}

static void
remote_task_add_tried (RemoteTask *task,
                       char       *description)
{
  g_assert (task != NULL);

  for (guint i = 0; i < task->tried->len; i++)
    if (g_strcmp0 (g_ptr_array_index (task->tried, i), description) == 0)
      {
        g_free (description);
        return;
      }

  g_ptr_array_add (task->tried, description);
}

static GError *
remote_task_auth_error (RemoteTask *task)
{
  g_autoptr(GString) message = g_string_new (NULL);

  g_assert (task != NULL);

  if (task->tried->len == 0)
    {
      if (url_parts_is_ssh (&task->parts))
        g_string_append (message, _("Authentication failed: no SSH key was found. Create one "
                                    "with “ssh-keygen -t ed25519”, add its public key to the "
                                    "server, or start an SSH agent with your key."));
      else
        g_string_append (message, _("Authentication failed: no password was given."));
    }
  else
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (task->tried, NULL);
      list = g_strjoinv (", ", (char **)task->tried->pdata);
      g_ptr_array_remove_index (task->tried, task->tried->len - 1);
      /* Translators: %s lists what was tried, e.g. "ssh-agent (no key accepted), ~/.ssh/id_ed25519" */
      g_string_append_printf (message, _("Authentication failed. Tried: %s."), list);
    }

  if (task->saw_rsa)
    {
      g_string_append_c (message, ' ');
      g_string_append (message, _("Your RSA key ~/.ssh/id_rsa cannot be used: the SSH library "
                                  "Tandem uses cannot sign with rsa-sha2, which servers require. "
                                  "Create an ed25519 key with “ssh-keygen -t ed25519” and add it "
                                  "to the server."));
    }

  return g_error_new_literal (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_AUTH_FAILED, message->str);
}

static guint32
read_be32 (const guchar *data)
{
  return ((guint32)data[0] << 24) | ((guint32)data[1] << 16) | ((guint32)data[2] << 8) | data[3];
}

/* Reads one SSH "string" at *offset; returns FALSE when the blob is too short. */
static gboolean
read_ssh_string (const guchar  *data,
                 gsize          length,
                 gsize         *offset,
                 const guchar **str,
                 gsize         *str_length)
{
  guint32 n;

  if (*offset + 4 > length)
    return FALSE;
  n = read_be32 (data + *offset);
  if (n > length - *offset - 4)
    return FALSE;

  *str = data + *offset + 4;
  *str_length = n;
  *offset += 4 + n;
  return TRUE;
}

/* Whether the private key in @contents needs a passphrase, and whether it is an RSA key.
 * Understands OpenSSH's format and the older PEM files. */
static void
inspect_key (char     *contents,
             gboolean *encrypted,
             gboolean *is_rsa)
{
  static const char magic[] = "openssh-key-v1";
  g_autofree guchar *blob = NULL;
  const guchar *str;
  const guchar *type;
  char *begin;
  char *end;
  gsize str_length;
  gsize type_length;
  gsize blob_length;
  gsize offset;
  gsize inner = 0;

  g_assert (contents != NULL);

  if (!(begin = strstr (contents, "-----BEGIN OPENSSH PRIVATE KEY-----")))
    {
      *is_rsa = strstr (contents, "BEGIN RSA PRIVATE KEY") != NULL;
      *encrypted = strstr (contents, "ENCRYPTED") != NULL;
      return;
    }

  begin += strlen ("-----BEGIN OPENSSH PRIVATE KEY-----");
  if ((end = strstr (begin, "-----END")) != NULL)
    *end = '\0';
  blob = g_base64_decode (begin, &blob_length);
  if (blob_length < sizeof magic || memcmp (blob, magic, sizeof magic) != 0)
    return;

  offset = sizeof magic;
  if (!read_ssh_string (blob, blob_length, &offset, &str, &str_length))
    return;
  *encrypted = !(str_length == 4 && memcmp (str, "none", 4) == 0);

  /* kdfname, kdfoptions, number of keys, then the public key whose first field is
   * its type. */
  if (read_ssh_string (blob, blob_length, &offset, &str, &str_length) &&
      read_ssh_string (blob, blob_length, &offset, &str, &str_length) &&
      (offset += 4) <= blob_length &&
      read_ssh_string (blob, blob_length, &offset, &str, &str_length) &&
      read_ssh_string (str, str_length, &inner, &type, &type_length))
    *is_rsa = type_length == 7 && memcmp (type, "ssh-rsa", 7) == 0;

  /* An unencrypted key must not linger in freed memory. */
  memset (blob, 0, blob_length);
}

static void
inspect_key_file (const char *path,
                  gboolean   *encrypted,
                  gboolean   *is_rsa)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert (path != NULL);

  *encrypted = FALSE;
  *is_rsa = FALSE;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;

  inspect_key (contents, encrypted, is_rsa);
  memset (contents, 0, length);
  g_free (contents);
}

static char *
dup_display_path (const char *path)
{
  const char *home = g_get_home_dir ();

  if (g_str_has_prefix (path, home) && path[strlen (home)] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + strlen (home), NULL);

  return g_strdup (path);
}

static int
remote_task_ask (RemoteTask                   *task,
                 const TandemGitPromptRequest *request,
                 TandemGitPromptAnswer        *answer)
{
  g_assert (task != NULL);

  if (_tandem_git_operation_ask (task->operation, request, answer))
    return 0;

  return remote_task_cancelled (task) ? GIT_EUSER : GIT_EAUTH;
}

/* The next SSH key: the agent, then the default key files. */
static int
credentials_ssh_key (RemoteTask      *task,
                     git_credential **out,
                     const char      *user)
{
  g_assert (task != NULL);
  g_assert (user != NULL);

  /* A refused key file that asked for a passphrase gets one more try. */
  if (task->last == CRED_KEY_FILE && task->key_encrypted &&
      task->n_passphrase_prompts < MAX_PASSPHRASE_PROMPTS)
    {
      g_autofree char *pub = g_strconcat (task->key_path, ".pub", NULL);
      TandemGitPromptRequest request = {
        .kind = TANDEM_GIT_PROMPT_PASSPHRASE,
        .url = task->url,
        .host = task->parts.host,
        .username = user,
        .key_path = task->key_path,
        .retry = TRUE,
      };
      g_auto(TandemGitPromptAnswer) answer = { 0 };
      int rc;

      task->n_passphrase_prompts++;
      if ((rc = remote_task_ask (task, &request, &answer)) < 0)
        return rc;

      return git_credential_ssh_key_new (out, user,
                                         g_file_test (pub, G_FILE_TEST_EXISTS) ? pub : NULL,
                                         task->key_path, answer.secret);
    }

  if (!task->agent_tried && g_getenv ("SSH_AUTH_SOCK") != NULL &&
      g_file_test (g_getenv ("SSH_AUTH_SOCK"), G_FILE_TEST_EXISTS))
    {
      task->agent_tried = TRUE;
      task->last = CRED_AGENT;
      remote_task_add_tried (task, g_strdup (_("ssh-agent (no key accepted)")));
      return git_credential_ssh_key_from_agent (out, user);
    }

  while (task->next_key < G_N_ELEMENTS (default_keys))
    {
      g_autofree char *path = g_build_filename (g_get_home_dir (), ".ssh",
                                                default_keys[task->next_key++], NULL);
      g_autofree char *pub = g_strconcat (path, ".pub", NULL);
      g_auto(TandemGitPromptAnswer) answer = { 0 };
      gboolean encrypted;
      gboolean is_rsa;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      inspect_key_file (path, &encrypted, &is_rsa);
      if (is_rsa)
        {
          task->saw_rsa = TRUE;
          continue;
        }

      g_free (task->key_path);
      task->key_path = g_strdup (path);
      task->key_encrypted = encrypted;
      task->n_passphrase_prompts = 0;
      task->last = CRED_KEY_FILE;
      remote_task_add_tried (task, dup_display_path (path));

      if (encrypted)
        {
          TandemGitPromptRequest request = {
            .kind = TANDEM_GIT_PROMPT_PASSPHRASE,
            .url = task->url,
            .host = task->parts.host,
            .username = user,
            .key_path = path,
          };
          int rc;

          task->n_passphrase_prompts++;
          if ((rc = remote_task_ask (task, &request, &answer)) < 0)
            return rc;
        }

      /* With the public key file libssh2 asks the server first, so a wrong passphrase
       * is an authentication failure that comes back here, not a hard error. */
      return git_credential_ssh_key_new (out, user,
                                         g_file_test (pub, G_FILE_TEST_EXISTS) ? pub : NULL,
                                         path, answer.secret);
    }

  {
    g_autofree char *rsa = g_build_filename (g_get_home_dir (), ".ssh", "id_rsa", NULL);

    if (g_file_test (rsa, G_FILE_TEST_IS_REGULAR))
      task->saw_rsa = TRUE;
  }

  task->exhausted = TRUE;
  return GIT_EAUTH;
}

/* HTTPS: the keyring's entry once, then the user (a second time after a refusal). */
static int
credentials_userpass (RemoteTask      *task,
                      git_credential **out,
                      const char      *user_from_url)
{
  GCancellable *cancellable = tandem_git_operation_get_cancellable (task->operation);
  const char *protocol = task->parts.scheme != NULL ? task->parts.scheme : "https";
  gboolean refused = task->last == CRED_KEYRING || task->last == CRED_TYPED;

  g_assert (task != NULL);

  if (task->http_host == NULL)
    task->http_host = url_parts_dup_host (&task->parts);

  if (task->last == CRED_KEYRING && task->pending_user != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The server refused what the keyring had: it is of no use any more. */
      if (!tandem_git_credentials_delete (protocol, task->http_host, task->pending_user,
                                          cancellable, &error))
        g_debug ("Could not delete a refused password: %s", error->message);
    }
  g_clear_pointer (&task->pending_user, g_free);
  g_clear_pointer (&task->pending_secret, wipe_free);
  task->pending_remember = FALSE;

  if (!task->keyring_tried)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *found_user = NULL;
      char *found_secret = NULL;

      task->keyring_tried = TRUE;
      if (tandem_git_credentials_lookup (protocol, task->http_host, user_from_url, &found_user,
                                         &found_secret, cancellable, &error))
        {
          int rc;

          task->last = CRED_KEYRING;
          remote_task_add_tried (task, g_strdup (_("the password saved in the keyring")));
          rc = git_credential_userpass_plaintext_new (out, found_user, found_secret);
          task->pending_user = g_steal_pointer (&found_user);
          wipe_free (found_secret);
          return rc;
        }
      if (error != NULL)
        g_debug ("No keyring: %s", error->message);
    }

  if (task->n_userpass_prompts < MAX_USERPASS_PROMPTS)
    {
      TandemGitPromptRequest request = {
        .kind = TANDEM_GIT_PROMPT_USERPASS,
        .url = task->url,
        .host = task->http_host,
        .username = user_from_url,
        .retry = refused,
      };
      g_auto(TandemGitPromptAnswer) answer = { 0 };
      int rc;

      task->n_userpass_prompts++;
      if ((rc = remote_task_ask (task, &request, &answer)) < 0)
        return rc;

      task->last = CRED_TYPED;
      remote_task_add_tried (task, g_strdup (_("the password you entered")));
      task->pending_user = g_strdup (answer.username != NULL ? answer.username : user_from_url);
      task->pending_secret = g_strdup (answer.secret != NULL ? answer.secret : "");
      task->pending_remember = answer.remember;
      return git_credential_userpass_plaintext_new (out, task->pending_user,
                                                    task->pending_secret);
    }

  task->exhausted = TRUE;
  return GIT_EAUTH;
}

static int
credentials_cb (git_credential **out,
                const char      *url,
                const char      *username_from_url,
                unsigned int     allowed_types,
                void            *payload)
{
  RemoteTask *task = payload;
  const char *user;

  g_assert (out != NULL);
  g_assert (task != NULL);

  if (remote_task_cancelled (task))
    return GIT_EUSER;

  if (task->url == NULL && url != NULL)
    remote_task_set_url (task, url);

  if (++task->n_calls > MAX_CREDENTIAL_CALLS)
    {
      task->exhausted = TRUE;
      return GIT_EAUTH;
    }

  if (allowed_types & GIT_CREDENTIAL_USERPASS_PLAINTEXT)
    return credentials_userpass (task, out, username_from_url);

  user = username_from_url != NULL ? username_from_url : task->username;

  if ((allowed_types & GIT_CREDENTIAL_USERNAME) && !(allowed_types & GIT_CREDENTIAL_SSH_KEY))
    {
      TandemGitPromptRequest request = {
        .kind = TANDEM_GIT_PROMPT_USERNAME,
        .url = task->url,
        .host = task->parts.host,
        .username = g_get_user_name (),
      };
      g_auto(TandemGitPromptAnswer) answer = { 0 };
      int rc;

      if (user != NULL)
        return git_credential_username_new (out, user);
      if (task->last == CRED_USERNAME)
        {
          task->exhausted = TRUE;
          return GIT_EAUTH;
        }

      if ((rc = remote_task_ask (task, &request, &answer)) < 0)
        return rc;

      task->last = CRED_USERNAME;
      g_free (task->username);
      task->username = g_strdup (answer.username != NULL ? answer.username : "");
      return git_credential_username_new (out, task->username);
    }

  if ((allowed_types & GIT_CREDENTIAL_SSH_KEY) && user != NULL)
    return credentials_ssh_key (task, out, user);

  task->exhausted = TRUE;
  return GIT_EAUTH;
}

static const char *
host_key_type_name (git_cert_ssh_raw_type_t type)
{
  switch (type)
    {
    case GIT_CERT_SSH_RAW_TYPE_RSA:
      return "ssh-rsa";
    case GIT_CERT_SSH_RAW_TYPE_DSS:
      return "ssh-dss";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_256:
      return "ecdsa-sha2-nistp256";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_384:
      return "ecdsa-sha2-nistp384";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_521:
      return "ecdsa-sha2-nistp521";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ED25519:
      return "ssh-ed25519";
    case GIT_CERT_SSH_RAW_TYPE_UNKNOWN:
    default:
      return NULL;
    }
}

static void
sha256_digest (const guchar *data,
               gsize         length,
               guint8        digest[32])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize digest_length = 32;

  g_checksum_update (checksum, data, length);
  g_checksum_get_digest (checksum, digest, &digest_length);
}

static int
check_host_key (RemoteTask        *task,
                git_cert_hostkey  *cert,
                int                valid,
                const char        *host)
{
  g_autofree char *known_hosts = tandem_git_known_hosts_dup_path ();
  g_autofree char *key = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *display_host = NULL;
  g_auto(TandemGitPromptAnswer) answer = { 0 };
  TandemGitPromptRequest request = { 0 };
  const char *type;
  guint port = url_parts_get_port (&task->parts);
  guint8 digest[32];

  if (valid)
    return 0;

  type = (cert->type & GIT_CERT_SSH_RAW) ? host_key_type_name (cert->raw_type) : NULL;
  display_host = tandem_git_known_hosts_format_host (host, port);
  if (type == NULL)
    {
      remote_task_fail (task, TANDEM_GIT_ERROR_HOST_KEY,
                        _("The host key of %s is of an unknown type and cannot be checked."),
                        display_host);
      return GIT_ECERTIFICATE;
    }

  key = g_base64_encode ((const guchar *)cert->hostkey, cert->hostkey_len);
  switch (tandem_git_known_hosts_check (known_hosts, host, port, type, key))
    {
    case TANDEM_GIT_HOST_KEY_KNOWN:
      return 0;

    case TANDEM_GIT_HOST_KEY_CHANGED:
      remote_task_fail (task, TANDEM_GIT_ERROR_HOST_KEY,
                        _("The host key of %s has changed since you last connected. Someone "
                          "may be intercepting the connection (a man-in-the-middle attack), or "
                          "the server's key was replaced. Ask the server's administrator; if "
                          "the new key is right, remove the old line for %s from "
                          "~/.ssh/known_hosts."), display_host, display_host);
      return GIT_ECERTIFICATE;

    case TANDEM_GIT_HOST_KEY_UNKNOWN:
    default:
      break;
    }

  sha256_digest ((const guchar *)cert->hostkey, cert->hostkey_len, digest);
  b64 = g_base64_encode (digest, sizeof digest);
  /* ssh-keygen prints the base64 without its padding. */
  while (b64[0] != '\0' && b64[strlen (b64) - 1] == '=')
    b64[strlen (b64) - 1] = '\0';
  fingerprint = g_strconcat ("SHA256:", b64, NULL);

  request.kind = TANDEM_GIT_PROMPT_HOST_KEY;
  request.url = task->url;
  request.host = display_host;
  request.username = task->parts.user;
  request.fingerprint = fingerprint;
  request.detail = type;

  if (!_tandem_git_operation_ask (task->operation, &request, &answer))
    {
      if (remote_task_cancelled (task))
        return GIT_EUSER;
      remote_task_fail (task, TANDEM_GIT_ERROR_HOST_KEY,
                        _("The host key of %s was not accepted, so Tandem did not connect."),
                        display_host);
      return GIT_ECERTIFICATE;
    }

  if (answer.trust == TANDEM_GIT_PROMPT_ACCEPT_ALWAYS)
    {
      g_autoptr(GError) error = NULL;

      if (!tandem_git_known_hosts_append (known_hosts, host, port, type, key, &error))
        {
          task->failure = g_steal_pointer (&error);
          return GIT_ECERTIFICATE;
        }
    }

  return 0;
}

static int
check_x509 (RemoteTask   *task,
            git_cert_x509 *cert,
            int           valid,
            const char   *host)
{
  g_autofree char *key = NULL;
  g_autoptr(GString) fingerprint = g_string_new (NULL);
  g_auto(TandemGitPromptAnswer) answer = { 0 };
  TandemGitPromptRequest request = { 0 };
  const git_error *last = git_error_last ();
  guint8 digest[32];
  gboolean accepted;

  if (valid)
    return 0;

  sha256_digest (cert->data, cert->len, digest);
  for (guint i = 0; i < sizeof digest; i++)
    g_string_append_printf (fingerprint, i > 0 ? ":%02X" : "%02X", digest[i]);

  key = g_strdup_printf ("%s:%u", host, url_parts_get_port (&task->parts));
  g_mutex_lock (&accepted_certificates_mutex);
  accepted = accepted_certificates != NULL &&
             g_strcmp0 (g_hash_table_lookup (accepted_certificates, key), fingerprint->str) == 0;
  g_mutex_unlock (&accepted_certificates_mutex);
  if (accepted)
    return 0;

  request.kind = TANDEM_GIT_PROMPT_CERTIFICATE;
  request.url = task->url;
  request.host = host;
  request.fingerprint = fingerprint->str;
  request.detail = last != NULL && last->message != NULL
    ? last->message : _("The certificate is not signed by an authority this computer trusts.");

  if (!_tandem_git_operation_ask (task->operation, &request, &answer))
    {
      if (remote_task_cancelled (task))
        return GIT_EUSER;
      remote_task_fail (task, TANDEM_GIT_ERROR_CERTIFICATE,
                        _("The certificate of %s is not trusted and was not accepted, so "
                          "Tandem did not connect."), host);
      return GIT_ECERTIFICATE;
    }

  g_mutex_lock (&accepted_certificates_mutex);
  if (accepted_certificates == NULL)
    accepted_certificates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (accepted_certificates, g_steal_pointer (&key),
                        g_strdup (fingerprint->str));
  g_mutex_unlock (&accepted_certificates_mutex);

  return 0;
}

static int
certificate_check_cb (git_cert   *cert,
                      int         valid,
                      const char *host,
                      void       *payload)
{
  RemoteTask *task = payload;

  g_assert (cert != NULL);
  g_assert (task != NULL);

  if (remote_task_cancelled (task))
    return GIT_EUSER;

  if (cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2)
    return check_host_key (task, (git_cert_hostkey *)cert, valid, host);
  if (cert->cert_type == GIT_CERT_X509)
    return check_x509 (task, (git_cert_x509 *)cert, valid, host);

  return valid ? 0 : GIT_PASSTHROUGH;
}

static int
transfer_progress_cb (const git_indexer_progress *stats,
                      void                       *payload)
{
  RemoteTask *task = payload;
  gboolean go_on;

  g_assert (stats != NULL);
  g_assert (task != NULL);

  task->reached_server = TRUE;
  if (stats->received_objects < stats->total_objects || stats->total_deltas == 0)
    go_on = _tandem_git_operation_report (task->operation, TANDEM_GIT_PHASE_RECEIVING,
                                          stats->received_objects, stats->total_objects,
                                          stats->received_bytes);
  else
    go_on = _tandem_git_operation_report (task->operation, TANDEM_GIT_PHASE_RESOLVING,
                                          stats->indexed_deltas, stats->total_deltas,
                                          stats->received_bytes);

  return go_on ? 0 : GIT_EUSER;
}

static int
sideband_progress_cb (const char *str,
                      int         len,
                      void       *payload)
{
  RemoteTask *task = payload;

  g_assert (task != NULL);

  task->reached_server = TRUE;
  return _tandem_git_operation_report_remote (task->operation, str, MAX (len, 0)) ? 0 : GIT_EUSER;
}

static int
push_transfer_progress_cb (unsigned int  current,
                           unsigned int  total,
                           size_t        bytes,
                           void         *payload)
{
  RemoteTask *task = payload;

  g_assert (task != NULL);

  task->reached_server = TRUE;
  return _tandem_git_operation_report (task->operation, TANDEM_GIT_PHASE_WRITING,
                                       current, total, bytes) ? 0 : GIT_EUSER;
}

static int
push_update_reference_cb (const char *refname,
                          const char *status,
                          void       *payload)
{
  RemoteTask *task = payload;

  g_assert (refname != NULL);
  g_assert (task != NULL);

  task->reached_server = TRUE;
  /* libgit2 reports a refused ref only here; git_remote_push() still returns 0. */
  if (status != NULL && task->rejected_ref == NULL)
    {
      task->rejected_ref = g_strdup (refname);
      task->rejected_status = g_strdup (status);
    }

  return 0;
}

static void
remote_task_init_callbacks (RemoteTask           *task,
                            git_remote_callbacks *callbacks)
{
  g_assert (task != NULL);
  g_assert (callbacks != NULL);

  callbacks->credentials = credentials_cb;
  callbacks->certificate_check = certificate_check_cb;
  callbacks->transfer_progress = transfer_progress_cb;
  callbacks->sideband_progress = sideband_progress_cb;
  callbacks->push_transfer_progress = push_transfer_progress_cb;
  callbacks->push_update_reference = push_update_reference_cb;
  callbacks->payload = task;
}

/* Saves a typed password the user asked to remember, once the server took it. */
static void
remote_task_remember_password (RemoteTask *task,
                               int         rc)
{
  g_autoptr(GError) error = NULL;

  g_assert (task != NULL);

  if (task->last != CRED_TYPED || !task->pending_remember || task->pending_user == NULL ||
      task->exhausted || (rc < 0 && !task->reached_server) || rc == GIT_EAUTH)
    return;

  if (!tandem_git_credentials_store (task->parts.scheme, task->http_host, task->pending_user,
                                     task->pending_secret, NULL, &error))
    g_debug ("Could not save the password: %s", error->message);
}

static gboolean
message_has (const char *message,
             const char *needle)
{
  return message != NULL && strstr (message, needle) != NULL;
}

/* Turns a libgit2 failure into a TANDEM_GIT_ERROR a person can act on. */
static GError *
remote_task_make_error (RemoteTask *task,
                        int         rc,
                        const char *what)
{
  const git_error *last = git_error_last ();
  const char *message = last != NULL ? last->message : NULL;
  const char *host = task->parts.host != NULL ? task->parts.host : "";

  g_assert (task != NULL);
  g_assert (what != NULL);

  if (remote_task_cancelled (task))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The operation was cancelled."));

  if (task->failure != NULL)
    return g_error_copy (task->failure);

  if (rc == GIT_EAUTH || task->exhausted || message_has (message, "authentication replays") ||
      message_has (message, "status code: 401") || message_has (message, "status code: 403"))
    return remote_task_auth_error (task);

  if (rc == GIT_ECERTIFICATE)
    {
      if (url_parts_is_ssh (&task->parts))
        return g_error_new (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_HOST_KEY,
                            _("The host key of %s could not be verified."), host);
      return g_error_new (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_CERTIFICATE,
                          _("The certificate of %s is not trusted: %s"), host,
                          message != NULL ? message : "");
    }

  if (rc == GIT_ENONFASTFORWARD)
    return g_error_new_literal (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NON_FAST_FORWARD,
                                _("The remote branch has commits that you do not have. Pull "
                                  "first, then push again."));

  if (message_has (message, "Connection refused"))
    return g_error_new (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NETWORK,
                        _("Could not connect to %s: the connection was refused. Check the "
                          "address and that the server is running."), host);
  if (message_has (message, "resolve address") || message_has (message, "not known") ||
      message_has (message, "Temporary failure in name resolution"))
    return g_error_new (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NETWORK,
                        _("The server %s was not found. Check the address and your network "
                          "connection."), host);
  if (message_has (message, "timed out") || message_has (message, "unreachable") ||
      (last != NULL && last->klass == GIT_ERROR_NET && message_has (message, "failed to connect")))
    return g_error_new (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NETWORK,
                        _("Could not connect to %s: %s. Check your network connection."),
                        host, message);
  if (message_has (message, "status code: 404") || message_has (message, "not found") ||
      message_has (message, "does not appear to be a git repository"))
    return g_error_new (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                        _("%s: no repository was found at %s. Check the address."),
                        what, task->url != NULL ? task->url : host);

  return g_error_new (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED, "%s: %s", what,
                      message != NULL ? message : _("unknown error"));
}

static void
fetch_options_init (RemoteTask        *task,
                    git_fetch_options *options)
{
  git_fetch_options_init (options, GIT_FETCH_OPTIONS_VERSION);
  remote_task_init_callbacks (task, &options->callbacks);
  /* libgit2's default is no proxy at all. */
  options->proxy_opts.type = GIT_PROXY_AUTO;
}

/* Deletes @file and everything below it, without following links. */
static void
remove_tree (GFile    *file,
             gboolean  keep_root)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  g_assert (G_IS_FILE (file));

  enumerator = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (enumerator, NULL, NULL)))
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
            remove_tree (child, FALSE);
          else
            g_file_delete (child, NULL, NULL);
          g_object_unref (info);
        }
    }

  if (!keep_root)
    g_file_delete (file, NULL, NULL);
}

static gboolean
is_empty_directory (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

static void
clone_thread (GTask        *gtask,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RemoteTask *task = task_data;
  git_clone_options options = GIT_CLONE_OPTIONS_INIT;
  git_repository *repo = NULL;
  int rc;

  g_assert (G_IS_TASK (gtask));
  g_assert (task != NULL);

  tandem_ensure_libgit2 ();

  if (g_file_test (task->destination, G_FILE_TEST_EXISTS))
    {
      if (!is_empty_directory (task->destination))
        {
          g_task_return_new_error (gtask, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_DESTINATION_NOT_EMPTY,
                                   _("The folder %s is not empty. Choose a new or empty folder "
                                     "to clone into."), task->destination);
          return;
        }
      task->destination_existed = TRUE;
    }

  fetch_options_init (task, &options.fetch_opts);
  options.checkout_opts.checkout_strategy = GIT_CHECKOUT_SAFE;

  rc = git_clone (&repo, task->url, task->destination, &options);
  _tandem_git_operation_flush (task->operation);
  remote_task_remember_password (task, rc);

  if (rc < 0)
    {
      g_autoptr(GFile) destination = g_file_new_for_path (task->destination);
      GError *error = remote_task_make_error (task, rc, _("Could not clone"));

      /* Leave nothing behind: the folder as it was, or no folder. */
      remove_tree (destination, task->destination_existed);
      g_task_return_error (gtask, error);
      return;
    }

  git_repository_free (repo);
  g_task_return_pointer (gtask, g_file_new_for_path (task->destination), g_object_unref);
}

/* The GTask of a clone, fetch, pull or push: cancelled through @operation (reset for this
 * run), and returning what it did even when Cancel comes after it finished. */
static GTask *
remote_gtask_new (gpointer             source_object,
                  RemoteKind           kind,
                  TandemGitOperation  *operation,
                  gpointer             source_tag,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *gtask;

  gtask = g_task_new (source_object, tandem_git_operation_get_cancellable (operation), callback,
                      user_data);
  g_task_set_source_tag (gtask, source_tag);
  g_task_set_check_cancellable (gtask, FALSE);
  g_task_set_task_data (gtask, remote_task_new (kind, operation),
                        (GDestroyNotify)remote_task_free);
  _tandem_git_operation_reset (operation);

  return gtask;
}

void
tandem_git_clone_async (const char          *url,
                        GFile               *destination,
                        TandemGitOperation  *operation,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) gtask = NULL;
  RemoteTask *task;

  g_return_if_fail (url != NULL);
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (TANDEM_IS_GIT_OPERATION (operation));

  gtask = remote_gtask_new (NULL, REMOTE_CLONE, operation, tandem_git_clone_async, callback,
                            user_data);
  task = g_task_get_task_data (gtask);
  remote_task_set_url (task, url);
  task->destination = g_file_get_path (destination);

  if (task->destination == NULL)
    {
      g_task_return_new_error (gtask, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                               _("Only local folders can be cloned into."));
      return;
    }

  g_task_run_in_thread (gtask, clone_thread);
}

GFile *
tandem_git_clone_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
queue_refresh_cb (gpointer data)
{
  tandem_git_repository_queue_refresh (TANDEM_GIT_REPOSITORY (data));
  return G_SOURCE_REMOVE;
}

/* The work tree changed (or may have): tell the repository on its own thread. */
static void
remote_task_queue_refresh (RemoteTask *task)
{
  g_assert (task != NULL);

  if (task->repository != NULL)
    {
      GSource *source = g_idle_source_new ();

      /* Not g_main_context_invoke(): that may run it here, off the main thread. */
      g_source_set_callback (source, queue_refresh_cb, g_object_ref (task->repository),
                             g_object_unref);
      g_source_attach (source, task->context);
      g_source_unref (source);
    }
}

/* The remote of the current branch's upstream, else "origin". */
static git_remote *
lookup_remote (RemoteTask      *task,
               git_repository  *repo,
               git_reference   *head,
               GError         **error)
{
  g_auto(git_buf) name = GIT_BUF_INIT;
  git_remote *remote = NULL;
  const char *remote_name = "origin";

  g_assert (task != NULL);
  g_assert (repo != NULL);

  if (head != NULL && git_reference_is_branch (head) &&
      git_branch_upstream_remote (&name, repo, git_reference_name (head)) == 0)
    remote_name = name.ptr;

  if (git_remote_lookup (&remote, repo, remote_name) < 0)
    {
      g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NO_REMOTE,
                   _("This repository has no remote named “%s”. Add one with “git remote add "
                     "%s URL”."), remote_name, remote_name);
      return NULL;
    }

  remote_task_set_url (task, git_remote_url (remote));
  return remote;
}

static git_repository *
open_repository (RemoteTask  *task,
                 GError     **error)
{
  git_repository *repo = NULL;
  int rc;

  g_assert (task != NULL);

  tandem_ensure_libgit2 ();

  if ((rc = git_repository_open (&repo, task->workdir)) < 0)
    {
      tandem_git_error_set_from_libgit2 (error, rc, _("Could not open the repository"));
      return NULL;
    }

  return repo;
}

static gboolean
do_fetch (RemoteTask  *task,
          git_remote  *remote,
          GError     **error)
{
  git_fetch_options options;
  int rc;

  g_assert (task != NULL);
  g_assert (remote != NULL);

  fetch_options_init (task, &options);
  rc = git_remote_fetch (remote, NULL, &options, NULL);
  _tandem_git_operation_flush (task->operation);
  remote_task_remember_password (task, rc);

  if (rc < 0)
    {
      g_propagate_error (error, remote_task_make_error (task, rc, _("Could not fetch")));
      return FALSE;
    }

  return TRUE;
}

static gboolean
fetch_current (RemoteTask      *task,
               git_repository  *repo,
               GError         **error)
{
  git_reference *head = NULL;
  git_remote *remote = NULL;
  gboolean ok;

  g_assert (task != NULL);
  g_assert (repo != NULL);

  git_repository_head (&head, repo);
  ok = (remote = lookup_remote (task, repo, head, error)) && do_fetch (task, remote, error);

  git_remote_free (remote);
  git_reference_free (head);

  return ok;
}

static GError *
conflicts_error (git_index *index)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  git_index_conflict_iterator *iter = NULL;
  const git_index_entry *ancestor;
  const git_index_entry *ours;
  const git_index_entry *theirs;

  if (git_index_conflict_iterator_new (&iter, index) == 0)
    {
      while (git_index_conflict_next (&ancestor, &ours, &theirs, iter) == 0)
        {
          const git_index_entry *entry = ours != NULL ? ours : theirs != NULL ? theirs : ancestor;

          if (entry != NULL && paths->len < 20)
            g_ptr_array_add (paths, g_strdup (entry->path));
        }
      git_index_conflict_iterator_free (iter);
    }

  g_ptr_array_add (paths, NULL);
  list = g_strjoinv (", ", (char **)paths->pdata);
  return g_error_new (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_CONFLICTS,
                      _("The merge has conflicts in %s. Resolve them, stage the files, then "
                        "commit."), list);
}

static void
checkout_options_init (git_checkout_options *options,
                       GPtrArray            *conflicts)
{
  git_checkout_options_init (options, GIT_CHECKOUT_OPTIONS_VERSION);
  options->checkout_strategy = GIT_CHECKOUT_SAFE;
  _tandem_git_checkout_collect_conflicts (options, conflicts);
}

static gboolean
pull_fast_forward (git_repository         *repo,
                   git_reference          *head,
                   const git_oid          *target,
                   gboolean                unborn,
                   GError                **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  git_checkout_options options;
  git_object *commit = NULL;
  git_reference *updated = NULL;
  int rc;

  checkout_options_init (&options, conflicts);

  if ((rc = git_object_lookup (&commit, repo, target, GIT_OBJECT_COMMIT)) == 0)
    rc = git_checkout_tree (repo, commit, &options);

  if (rc == 0)
    {
      if (unborn)
        {
          git_reference *symbolic = NULL;

          if ((rc = git_reference_lookup (&symbolic, repo, "HEAD")) == 0)
            rc = git_reference_create (&updated, repo, git_reference_symbolic_target (symbolic),
                                       target, 0, "pull: Fast-forward");
          git_reference_free (symbolic);
        }
      else
        rc = git_reference_set_target (&updated, head, target, "pull: Fast-forward");
    }

  git_reference_free (updated);
  git_object_free (commit);

  if (rc == GIT_ECONFLICT)
    {
      _tandem_git_set_would_overwrite (error, conflicts);
      return FALSE;
    }
  return _tandem_git_check (rc, _("Could not fast-forward"), error);
}

static gboolean
pull_merge (RemoteTask              *task,
            git_repository          *repo,
            git_reference           *head,
            git_annotated_commit    *their_head,
            const char              *their_branch,
            GError                 **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) parent_ids = g_array_new (FALSE, FALSE, sizeof (git_oid));
  g_autofree char *message = NULL;
  git_merge_options merge_options = GIT_MERGE_OPTIONS_INIT;
  git_checkout_options checkout_options;
  git_signature *signature = NULL;
  git_index *index = NULL;
  git_tree *tree = NULL;
  git_oid tree_id;
  git_oid commit_id;
  int rc;

  /* Before anything changes: a merge commit needs a name and an email. */
  if (!_tandem_git_default_signature (repo, _("Set your name and email for commits before "
                                              "pulling changes that need a merge."),
                                      &signature, error))
    return FALSE;

  checkout_options_init (&checkout_options, conflicts);
  checkout_options.checkout_strategy |= GIT_CHECKOUT_ALLOW_CONFLICTS;

  rc = git_merge (repo, (const git_annotated_commit **)&their_head, 1, &merge_options,
                  &checkout_options);
  if (rc == GIT_ECONFLICT || rc == GIT_EUNMERGED)
    {
      git_signature_free (signature);
      _tandem_git_set_would_overwrite (error, conflicts);
      return FALSE;
    }

  if (rc == 0)
    rc = git_repository_index (&index, repo);

  if (rc == 0 && git_index_has_conflicts (index))
    {
      g_propagate_error (error, conflicts_error (index));
      git_index_free (index);
      git_signature_free (signature);
      return FALSE;
    }

  /* git's own wording, which tools and people search for: not translated. */
  message = g_strdup_printf ("Merge branch '%s' of %s", their_branch, task->url);

  if (rc == 0)
    rc = git_index_write_tree (&tree_id, index);
  if (rc == 0)
    rc = git_tree_lookup (&tree, repo, &tree_id);
  if (rc == 0)
    {
      g_array_append_vals (parent_ids, git_reference_target (head), 1);
      g_array_append_vals (parent_ids, git_annotated_commit_id (their_head), 1);
      rc = _tandem_git_create_commit (repo, signature, message, tree, parent_ids, TRUE,
                                      &commit_id);
    }

  git_tree_free (tree);
  git_index_free (index);
  git_signature_free (signature);

  return _tandem_git_check (rc, _("Could not merge"), error);
}

static gboolean
do_pull (RemoteTask           *task,
         git_repository       *repo,
         TandemGitPullResult  *result,
         GError              **error)
{
  g_auto(git_buf) merge_ref = GIT_BUF_INIT;
  git_reference *head = NULL;
  git_reference *upstream = NULL;
  git_remote *remote = NULL;
  git_annotated_commit *their_head = NULL;
  git_merge_analysis_t analysis;
  git_merge_preference_t preference;
  const char *their_branch;
  gboolean ok = FALSE;
  int rc;

  if ((rc = git_repository_head (&head, repo)) < 0 || !git_reference_is_branch (head))
    {
      g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NO_UPSTREAM,
                           _("Switch to a branch that has an upstream branch to pull."));
      goto out;
    }

  if (git_branch_upstream_merge (&merge_ref, repo, git_reference_name (head)) < 0)
    {
      g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NO_UPSTREAM,
                   _("The branch “%s” has no upstream branch. Push it first, or set one with "
                     "“git branch --set-upstream-to”."), git_reference_shorthand (head));
      goto out;
    }

  if (!(remote = lookup_remote (task, repo, head, error)) || !do_fetch (task, remote, error))
    goto out;

  if ((rc = git_branch_upstream (&upstream, head)) < 0)
    {
      g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NO_UPSTREAM,
                   _("The upstream branch of “%s” does not exist on the remote."),
                   git_reference_shorthand (head));
      goto out;
    }

  if ((rc = git_annotated_commit_from_ref (&their_head, repo, upstream)) < 0 ||
      (rc = git_merge_analysis (&analysis, &preference, repo,
                                (const git_annotated_commit **)&their_head, 1)) < 0)
    {
      tandem_git_error_set_from_libgit2 (error, rc, _("Could not compare with the upstream"));
      goto out;
    }

  their_branch = g_str_has_prefix (merge_ref.ptr, "refs/heads/")
    ? merge_ref.ptr + strlen ("refs/heads/") : merge_ref.ptr;

  if (analysis & GIT_MERGE_ANALYSIS_UP_TO_DATE)
    {
      *result = TANDEM_GIT_PULL_UP_TO_DATE;
      ok = TRUE;
    }
  else if ((analysis & (GIT_MERGE_ANALYSIS_FASTFORWARD | GIT_MERGE_ANALYSIS_UNBORN)) &&
           !(preference & GIT_MERGE_PREFERENCE_NO_FASTFORWARD))
    {
      *result = TANDEM_GIT_PULL_FAST_FORWARD;
      ok = pull_fast_forward (repo, head, git_annotated_commit_id (their_head),
                              (analysis & GIT_MERGE_ANALYSIS_UNBORN) != 0, error);
    }
  else
    {
      *result = TANDEM_GIT_PULL_MERGED;
      ok = pull_merge (task, repo, head, their_head, their_branch, error);
    }

out:
  git_annotated_commit_free (their_head);
  git_remote_free (remote);
  git_reference_free (upstream);
  git_reference_free (head);

  return ok;
}

static GError *
rejected_error (RemoteTask *task)
{
  g_autofree char *messages = _tandem_git_operation_dup_remote_messages (task->operation);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *status = task->rejected_status;

  g_assert (task != NULL);

  if (strstr (status, "non-fast-forward") != NULL || strstr (status, "fetch first") != NULL)
    return g_error_new_literal (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NON_FAST_FORWARD,
                                _("The remote branch has commits that you do not have. Pull "
                                  "first, then push again."));

  /* Translators: %s is the server's reason, e.g. "pre-receive hook declined" */
  g_string_append_printf (text, _("The server refused the push: %s."), status);
  if (messages != NULL && messages[0] != '\0')
    {
      g_string_append_c (text, '\n');
      g_string_append (text, messages);
    }

  return g_error_new_literal (TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_REJECTED, text->str);
}

static gboolean
do_push (RemoteTask      *task,
         git_repository  *repo,
         GError         **error)
{
  g_auto(git_buf) merge_ref = GIT_BUF_INIT;
  g_autofree char *refspec = NULL;
  g_autofree char *destination = NULL;
  git_push_options options = GIT_PUSH_OPTIONS_INIT;
  git_strarray refspecs = { NULL, 1 };
  git_reference *head = NULL;
  git_remote *remote = NULL;
  gboolean has_upstream;
  gboolean ok = FALSE;
  int rc;

  if ((rc = git_repository_head (&head, repo)) < 0)
    {
      g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                           _("There is nothing to push: this branch has no commits yet."));
      goto out;
    }
  if (!git_reference_is_branch (head))
    {
      g_set_error_literal (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                           _("You are not on a branch (detached HEAD). Switch to a branch or "
                             "create one, then push."));
      goto out;
    }

  has_upstream = git_branch_upstream_merge (&merge_ref, repo, git_reference_name (head)) == 0;
  destination = g_strdup (has_upstream ? merge_ref.ptr : git_reference_name (head));

  if (!(remote = lookup_remote (task, repo, head, error)))
    goto out;

  refspec = g_strdup_printf ("%s:%s", git_reference_name (head), destination);
  refspecs.strings = &refspec;
  remote_task_init_callbacks (task, &options.callbacks);
  options.proxy_opts.type = GIT_PROXY_AUTO;

  rc = git_remote_push (remote, &refspecs, &options);
  _tandem_git_operation_flush (task->operation);
  remote_task_remember_password (task, rc);

  if (rc < 0)
    {
      g_propagate_error (error, remote_task_make_error (task, rc, _("Could not push")));
      goto out;
    }
  if (task->rejected_ref != NULL)
    {
      g_propagate_error (error, rejected_error (task));
      goto out;
    }

  if (!has_upstream)
    {
      g_autofree char *remote_key = g_strdup_printf ("branch.%s.remote",
                                                     git_reference_shorthand (head));
      g_autofree char *merge_key = g_strdup_printf ("branch.%s.merge",
                                                    git_reference_shorthand (head));
      git_config *config = NULL;

      if ((rc = git_repository_config (&config, repo)) == 0 &&
          (rc = git_config_set_string (config, remote_key, git_remote_name (remote))) == 0)
        rc = git_config_set_string (config, merge_key, destination);
      git_config_free (config);

      if (rc < 0)
        {
          tandem_git_error_set_from_libgit2 (error, rc,
                                             _("The push worked, but the upstream branch "
                                               "could not be set"));
          goto out;
        }
    }

  ok = TRUE;

out:
  git_remote_free (remote);
  git_reference_free (head);

  return ok;
}

static void
repository_thread (GTask        *gtask,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RemoteTask *task = task_data;
  g_autoptr(GError) error = NULL;
  TandemGitPullResult result = TANDEM_GIT_PULL_UP_TO_DATE;
  git_repository *repo;

  g_assert (G_IS_TASK (gtask));
  g_assert (task != NULL);

  if (!(repo = open_repository (task, &error)))
    {
      g_task_return_error (gtask, g_steal_pointer (&error));
      return;
    }

  switch (task->kind)
    {
    case REMOTE_FETCH:
      fetch_current (task, repo, &error);
      break;
    case REMOTE_PULL:
      do_pull (task, repo, &result, &error);
      break;
    case REMOTE_PUSH:
      do_push (task, repo, &error);
      break;
    case REMOTE_CLONE:
    default:
      g_assert_not_reached ();
    }

  git_repository_free (repo);
  /* Even a failed pull may have changed the work tree (conflicts). */
  remote_task_queue_refresh (task);

  /* Fetch and push return TANDEM_GIT_PULL_UP_TO_DATE, which nobody reads. */
  if (error != NULL)
    g_task_return_error (gtask, g_steal_pointer (&error));
  else
    g_task_return_int (gtask, result);
}

static void
run_repository_task (TandemGitRepository *self,
                     RemoteKind           kind,
                     TandemGitOperation  *operation,
                     gpointer             source_tag,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) gtask = NULL;
  RemoteTask *task;

  g_return_if_fail (TANDEM_IS_GIT_REPOSITORY (self));
  g_return_if_fail (TANDEM_IS_GIT_OPERATION (operation));

  gtask = remote_gtask_new (self, kind, operation, source_tag, callback, user_data);
  task = g_task_get_task_data (gtask);
  task->repository = g_object_ref (self);
  task->workdir = g_file_get_path (tandem_git_repository_get_workdir (self));

  g_task_run_in_thread (gtask, repository_thread);
}

/* Every error, or the pull's result in @value. */
static gboolean
propagate_remote (TandemGitRepository  *self,
                  GAsyncResult         *result,
                  gpointer              source_tag,
                  gssize               *value,
                  GError              **error)
{
  GError *local_error = NULL;
  gssize ret;

  g_return_val_if_fail (TANDEM_IS_GIT_REPOSITORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  ret = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (value != NULL)
    *value = ret;

  return TRUE;
}

void
tandem_git_repository_fetch_async (TandemGitRepository *self,
                                   TandemGitOperation  *operation,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  run_repository_task (self, REMOTE_FETCH, operation, tandem_git_repository_fetch_async,
                       callback, user_data);
}

gboolean
tandem_git_repository_fetch_finish (TandemGitRepository  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  return propagate_remote (self, result, tandem_git_repository_fetch_async, NULL, error);
}

void
tandem_git_repository_pull_async (TandemGitRepository *self,
                                  TandemGitOperation  *operation,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  run_repository_task (self, REMOTE_PULL, operation, tandem_git_repository_pull_async,
                       callback, user_data);
}

TandemGitPullResult
tandem_git_repository_pull_finish (TandemGitRepository  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  gssize ret = TANDEM_GIT_PULL_UP_TO_DATE;

  propagate_remote (self, result, tandem_git_repository_pull_async, &ret, error);

  return (TandemGitPullResult)ret;
}

void
tandem_git_repository_push_async (TandemGitRepository *self,
                                  TandemGitOperation  *operation,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  run_repository_task (self, REMOTE_PUSH, operation, tandem_git_repository_push_async,
                       callback, user_data);
}

gboolean
tandem_git_repository_push_finish (TandemGitRepository  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  return propagate_remote (self, result, tandem_git_repository_push_async, NULL, error);
}
