/*
 * Signing in, shared by the dashboard and the stream-status page: a development token pasted or handed over in the
 * address's fragment (#token=…, which never reaches a server), or the OpenID Connect authorization-code flow with PKCE
 * (S256) as a public client. The token is kept in the tab's sessionStorage only.
 */
(function () {
  'use strict';

  const TOKEN = 'heard.token';
  const PKCE = 'heard.pkce';

  function base64url(bytes) {
    let text = '';
    bytes.forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** The claims of a JWT, or null when it is not one. */
  function decode(jwt) {
    try {
      const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(decodeURIComponent(escape(atob(part))));
    } catch (e) {
      return null;
    }
  }

  /** A token handed over in the address's fragment (development), or the answer of the OIDC issuer. */
  async function takeTokenFromAddress(config, problem) {
    const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (config.signIn === 'development-token' && fragment.get('token')) {
      sessionStorage.setItem(TOKEN, fragment.get('token'));
      history.replaceState(null, '', location.pathname + location.search);
    }
    const query = new URLSearchParams(location.search);
    if (config.signIn === 'oidc' && query.get('code')) {
      const pending = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
      sessionStorage.removeItem(PKCE);
      history.replaceState(null, '', location.pathname);
      if (!pending || pending.state !== query.get('state')) {
        problem('The sign-in answer did not match the request; please sign in again.');
        return;
      }
      const response = await fetch(pending.tokenEndpoint, {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({
          grant_type: 'authorization_code', code: query.get('code'), redirect_uri: pending.redirectUri,
          client_id: config.clientId, code_verifier: pending.verifier
        })
      });
      if (!response.ok) {
        problem('Sign-in failed (' + response.status + ').');
        return;
      }
      const answer = await response.json();
      sessionStorage.setItem(TOKEN, answer.access_token);
    }
  }

  /** The authorization-code flow with PKCE (S256) for a public client; comes back to this page. */
  async function oidcSignIn(config) {
    const issuer = config.issuer.replace(/\/$/, '');
    const metadata = await (await fetch(issuer + '/.well-known/openid-configuration')).json();
    const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
    const redirectUri = location.origin + location.pathname;
    sessionStorage.setItem(PKCE, JSON.stringify({
      verifier: verifier, state: state, tokenEndpoint: metadata.token_endpoint, redirectUri: redirectUri
    }));
    location.assign(metadata.authorization_endpoint + '?' + new URLSearchParams({
      response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri, scope: config.scope,
      state: state, code_challenge: base64url(new Uint8Array(digest)), code_challenge_method: 'S256'
    }));
  }

  /** The token kept in this tab, with its claims, or null when there is none or it has expired (then forgotten). */
  function current() {
    const token = sessionStorage.getItem(TOKEN);
    const claims = token ? decode(token) : null;
    if (!claims || (claims.exp && claims.exp * 1000 < Date.now())) {
      sessionStorage.removeItem(TOKEN);
      return null;
    }
    return {token: token, claims: claims};
  }

  /** Keeps a pasted token, if it is one; returns whether it was. */
  function keep(pasted) {
    if (!decode(pasted)) {
      return false;
    }
    sessionStorage.setItem(TOKEN, pasted);
    return true;
  }

  function forget() {
    sessionStorage.removeItem(TOKEN);
  }

  /**
   * Wires a page's sign-in controls (the shared markup: #token-form with #token-input, #oidc-sign-in, #sign-out):
   * a pasted token is kept and begin() called, OIDC sign-in starts with the page's config as it is when pressed
   * (configOf(): the page loads it after wiring), sign-out calls signOut().
   */
  function wire(configOf, status, begin, signOut) {
    const $ = (id) => document.getElementById(id);
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      if (!keep($('token-input').value.trim())) {
        status('That is not a token (three parts separated by dots).', true);
        return;
      }
      $('token-input').value = '';
      begin();
    });
    $('oidc-sign-in').addEventListener('click', () => oidcSignIn(configOf()).catch((e) => status('Sign-in failed: '
      + e.message, true)));
    $('sign-out').addEventListener('click', () => signOut());
  }

  window.HeardSignIn = {
    decode: decode, takeTokenFromAddress: takeTokenFromAddress, oidcSignIn: oidcSignIn, current: current,
    keep: keep, forget: forget, wire: wire
  };
}());
